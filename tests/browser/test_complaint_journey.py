"""In real Chromium: a citizen files anonymously with a photo, gets the code and opens the photo;
the koordinator opens it too (under a plain name: the reporter is anonymous), verifies and routes; the OPD answers; the citizen disputes; the OPD answers again; the citizen
accepts, and the timeline shows every step."""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _photo_with_gps(path) -> None:
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (5.0, 25.0, 0.0), 3: "E", 4: (105.0, 15.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())


def _opens_as_photo(page, link) -> None:
    """Following the link shows the photo itself, in a sandbox, never cached; then back."""
    with page.expect_navigation() as opened:
        link.click()
    response = opened.value
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert response.headers["cache-control"] == "private, no-store"
    assert response.body().startswith(b"\xff\xd8")
    page.go_back()


def test_anonymous_complaint_from_filing_to_acceptance(live_server, page, new_page, tmp_path):
    base, world = live_server
    photo = tmp_path / "loket.jpg"
    _photo_with_gps(photo)

    # the citizen files anonymously, with a photo
    page.goto(base + "/")
    page.get_by_role("link", name="Kirim pengaduan").first.click()
    page.get_by_label("Instansi (OPD) yang dituju").select_option(label=world.opd.nama)
    page.get_by_label("Judul singkat").fill("Loket KTP-el tutup jam sebelas")
    page.get_by_label("Ceritakan apa yang terjadi").fill(
        "Hari Senin loket KTP-el sudah tutup pukul 11.00, padahal jadwalnya sampai 15.00.")
    page.get_by_label(re.compile("^Anonim")).check()
    page.get_by_label("Lampiran foto atau PDF (boleh dikosongkan)").set_input_files(str(photo))
    page.get_by_label(re.compile("^Saya menyatakan")).check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("heading", name="Laporan Anda sudah kami terima").wait_for()
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    assert "loket.jpg" in page.content()
    _opens_as_photo(page, page.get_by_role("link", name="loket.jpg", exact=True))

    # the koordinator verifies and routes it
    koordinator = new_page()
    sign_in(koordinator, base, "koordinator.bdl", world.password)
    koordinator.get_by_role("link", name="Loket KTP-el tutup jam sebelas").click()
    # the click only starts the navigation: wait for the complaint's page before reading it
    koordinator.get_by_text("Anonim: tidak ada identitas yang disimpan").wait_for()
    assert "Anonim: tidak ada identitas yang disimpan" in koordinator.content()
    assert "loket.jpg" not in koordinator.content()  # the name an anonymous reporter gave it
    _opens_as_photo(koordinator, koordinator.get_by_role("link", name="lampiran-1.jpg",
                                                         exact=True))
    koordinator.get_by_label("Sah: teruskan ke OPD").check()
    koordinator.get_by_role("button", name="Simpan keputusan").click()
    koordinator.get_by_text("Keputusan disimpan").wait_for()

    # the OPD answers
    petugas = new_page()
    sign_in(petugas, base, "petugas.disdukcapil", world.password)
    petugas.get_by_role("link", name="Loket KTP-el tutup jam sebelas").click()
    petugas.get_by_label("Jawaban untuk pelapor").fill("Jadwal loket sudah kami tegaskan.")
    petugas.get_by_role("button", name="Kirim jawaban").click()
    petugas.get_by_text("Jawaban terkirim").wait_for()

    # the citizen disputes the answer
    page.goto(f"{base}/pengaduan/lacak")
    page.get_by_label("Kode lacak").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Lacak").click()
    page.get_by_label("Mengapa jawaban ini belum menyelesaikan masalah?").fill(
        "Hari ini loket masih tutup jam sebelas.")
    page.get_by_role("button", name="Sanggah jawaban").click()
    page.get_by_text("Sanggahan Anda terkirim").wait_for()

    # the OPD answers again
    petugas.reload()
    petugas.get_by_label("Jawaban untuk pelapor").fill(
        "Petugas loket sudah ditegur; kepala seksi memantau setiap hari.")
    petugas.get_by_role("button", name="Kirim jawaban").click()
    petugas.get_by_text("Jawaban terkirim").wait_for()

    # the citizen accepts, and the timeline shows every step
    page.reload()
    page.get_by_label("4 — puas").check()
    page.get_by_role("button", name="Terima jawaban dan tutup laporan").click()
    page.get_by_text("Laporan ditutup dengan penilaian Anda").wait_for()
    steps = page.locator(".timeline-what").all_inner_texts()
    assert steps == ["Diterima", "Diverifikasi", "Diteruskan ke OPD", "Sudah dijawab",
                     "Sedang ditindaklanjuti", "Sudah dijawab", "Ditutup"]
    timeline = page.locator(".timeline").inner_text()
    assert "Jadwal loket sudah kami tegaskan." in timeline
    assert "masih tutup jam sebelas" in timeline
