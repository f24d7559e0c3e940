"""Issue 11 in Chromium at 360 px, as the users meet it: the reporter opens the photo they
attached from the tracking page; the koordinator sees it on the desk, finds the OPD to route to
with the search (JavaScript off), and narrows the queue with its filters."""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _photo(path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 140, 90)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())


def test_attachment_opened_by_the_reporter_and_on_the_desk(live_server, page, browser, tmp_path):
    base, world = live_server
    photo = tmp_path / "papan-jadwal.jpg"
    _photo(photo)
    page.goto(base + "/pengaduan/baru")
    page.get_by_label("Instansi (OPD) yang dituju").select_option(label=world.opd.nama)
    page.get_by_label("Judul singkat").fill("Papan jadwal loket salah")
    page.get_by_label("Ceritakan apa yang terjadi").fill(
        "Papan jadwal di depan loket menulis tutup pukul 15.00, padahal loket tutup pukul 11.00.")
    page.get_by_label(re.compile("^Anonim")).check()
    page.get_by_label("Lampiran foto atau PDF (boleh dikosongkan)").set_input_files(str(photo))
    page.get_by_label(re.compile("^Saya menyatakan")).check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("heading", name="Laporan Anda sudah kami terima").wait_for()

    # the reporter opens the photo from the receipt
    link = page.get_by_role("link", name="papan-jadwal.jpg")
    with page.expect_response(lambda r: "/lampiran/" in r.url) as opened:
        link.click()
    response = opened.value
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    assert response.headers["cache-control"] == "private, no-store"
    page.go_back()

    # the koordinator, without JavaScript, sees the photo, searches the OPD list and routes
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  java_script_enabled=False)
    desk = context.new_page()
    sign_in(desk, base, "koordinator.bdl", world.password)
    desk.goto(base + "/meja/koordinator")
    desk.get_by_label("Cari judul atau kode lacak").fill("papan jadwal")
    desk.get_by_role("button", name="Tampilkan").click()
    assert desk.locator("tbody tr").count() == 1
    desk.get_by_role("link", name="Papan jadwal loket salah").click()
    thumbnail = desk.get_by_role("img", name=re.compile("^Foto lampiran"))
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 80
    desk.get_by_label("Cari OPD tujuan").fill("kependudukan")
    desk.get_by_role("button", name="Cari", exact=True).click()
    options = desk.get_by_label("OPD tujuan", exact=True).locator("option").all_inner_texts()
    assert any(o.startswith(world.opd.nama) for o in options) and len(options) <= 3
    desk.get_by_label("Sah: teruskan ke OPD").check()
    desk.get_by_label("OPD tujuan", exact=True).select_option(value=str(world.opd.id))
    desk.get_by_role("button", name="Simpan keputusan").click()
    desk.get_by_text("Keputusan disimpan").wait_for()
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
