"""In real Chromium at phone width: five citizens answer the satisfaction survey (the service
list follows the chosen OPD through htmx); the public scorecard does not move until the admin
pemda publishes again; then it shows the new IKM, and its CSV downloads with the same figure."""

import csv
import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _answer_survey(page, base, world, score_label_index: int) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Survei kepuasan").first.click()
    page.wait_for_url(base + "/survei")
    page.wait_for_load_state()  # htmx is loaded (deferred) before the OPD is chosen
    page.get_by_label("Instansi (OPD) yang memberi layanan").select_option(label=world.opd.nama)
    # htmx fills the service list of the chosen OPD
    page.get_by_label("Layanan yang Anda terima").select_option(label="Penerbitan KTP-el")
    for fieldset in page.locator("fieldset.survey-questions fieldset").all():
        fieldset.get_by_role("radio").nth(score_label_index).check()
    page.get_by_label("Usia").select_option(label="30–39 tahun")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("heading", name="Terima kasih, jawaban Anda sudah kami terima").wait_for()


def _publish(page, base, world) -> None:
    sign_in(page, base, world.users["admin_pemda"].username, world.password)
    page.get_by_role("link", name="Terbitkan rapor").click()
    # the survey is answered today: the running quarter, which the live server lets be
    # published early, after the confirmation page has said so
    page.get_by_label("Periode").select_option(index=0)
    page.get_by_role("button", name="Periksa sebelum terbit").click()
    page.get_by_role("heading", name="Triwulan ini belum berakhir").wait_for()
    page.get_by_role("button", name="Ya, terbitkan").click()
    page.get_by_text(re.compile(r"diterbitkan sebagai versi \d")).wait_for()
    page.get_by_role("button", name="Keluar").click()


def test_survey_publish_scorecard_and_csv(live_server, page, new_page, tmp_path):
    base, world = live_server
    _publish(page, base, world)
    page.goto(f"{base}/instansi")
    page.get_by_label("Cari nama OPD").fill("kependudukan")
    page.get_by_role("link", name=world.opd.nama).click()  # the list updated live
    assert "Belum ada data pada periode ini." in page.content()

    # five citizens on five phones answer: all "Sangat …" (4) except one "… " (3)
    for i in range(5):
        _answer_survey(new_page(), base, world, 3 if i else 2)
    page.reload()
    assert "Belum ada data pada periode ini." in page.content()  # still the old snapshot

    _publish(page, base, world)
    page.goto(f"{base}/instansi/{world.opd.slug}")
    # IKM = (4 × 9 × 4 + 9 × 3) / 45 × 25 = 95.00; five people are too few for a grade
    assert page.locator("#tabel-ikm td[data-kolom='ikm']").first.inner_text() == "95,00"
    assert page.locator("#tabel-ikm td[data-kolom='mutu']").first.inner_text() == "—"
    assert page.locator("#tabel-ikm td[data-kolom='keterangan']").first.inner_text() == (
        "Sampel belum memadai untuk menentukan mutu.")
    assert "versi 2" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    with page.expect_download() as download:
        page.locator("#judul-ikm").locator("..").get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(download.value.path().read_text(encoding="utf-8").splitlines()))
    assert (rows[0]["layanan"], rows[0]["responden"], rows[0]["ikm"], rows[0]["mutu"]) == (
        "Seluruh layanan", "5", "95.0", "")
