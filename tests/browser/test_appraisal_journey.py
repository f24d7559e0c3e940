"""In real Chromium, with htmx: a pegawai writes an SKP → the supervisor returns it with a
comment → the pegawai revises → the supervisor sets it → the pegawai submits Triwulan I with an
evidence file → the supervisor rates it → the predikat shows → the printable document shows it."""

import threading

import flask_migrate
import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.appraisals.skp import services as skp_services
from portal.extensions import db
from tests.appraisals.factories import make_draft_skp, make_set_skp, make_year
from tests.browser.conftest import sign_in
from tests.factories import build_world, make_user

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def appraisal_server(tmp_path_factory):
    """The test world with performance year 2026 open, the supervisor's own SKP set, and a
    colleague's SKP (Budi's) waiting in the supervisor's queue."""
    instance = tmp_path_factory.mktemp("appraisal-live")
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": instance,
                      "PORTAL_UPLOAD_DIR": instance / "uploads",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'live.db'}"})
    with app.app_context():
        flask_migrate.upgrade()
        world = build_world()
        year = make_year(world)
        atasan_skp = make_set_skp(world.pegawai["kasi"], year,
                                  "Meningkatnya ketepatan waktu penerbitan KTP-el")
        budi = world.pegawai["staf2"]
        world.users["budi"] = make_user(budi.nip, budi.nama, pegawai=budi)
        db.session.flush()
        skp = make_draft_skp(world, year, atasan_skp, name="budi")
        skp_services.submit_skp(world.users["budi"], skp, revisi=skp.revisi)
        db.session.commit()
        usernames = {name: user.username for name, user in world.users.items()}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", usernames, world.password
    server.shutdown()
    thread.join(timeout=5)


def test_skp_to_printed_evaluation(appraisal_server, new_page, tmp_path):
    base, users, password = appraisal_server
    evidence = tmp_path / "rekap-siak.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # the pegawai writes the SKP; the row is added in place (htmx)
    pegawai = new_page()
    sign_in(pegawai, base, users["pegawai"], password)
    pegawai.get_by_role("link", name="Kinerja saya").first.click()
    pegawai.get_by_role("button", name="Mulai menyusun SKP 2026").click()
    pegawai.get_by_label("Rencana hasil kerja").fill("Terlayaninya perekaman KTP-el di loket")
    pegawai.get_by_label("RHK atasan yang diintervensi").select_option(
        label="Meningkatnya ketepatan waktu penerbitan KTP-el")
    pegawai.get_by_label("Indikator kinerja individu").fill("Jumlah perekaman KTP-el")
    pegawai.get_by_label("Target (angka)").fill("1000")
    pegawai.get_by_label("Satuan").fill("perekaman")
    url_before = pegawai.url
    pegawai.get_by_role("button", name="Tambahkan RHK").click()
    pegawai.get_by_text("SKP siap diajukan").wait_for()
    assert pegawai.url == url_before  # swapped in place, no page load
    pegawai.get_by_role("button", name="Ajukan SKP").click()
    pegawai.get_by_text("SKP diajukan kepada pejabat penilai").wait_for()

    # the supervisor returns it with a comment, from the queue, without leaving the page
    atasan = new_page()
    sign_in(atasan, base, users["atasan"], password)
    atasan.goto(base + "/kinerja/penilaian")
    atasan.get_by_role("link", name="Dewi Lestari").click()
    atasan.get_by_role("heading", name="SKP 2026 — Dewi Lestari").wait_for()
    atasan.get_by_label("Alasan pengembalian").fill("Target perekaman terlalu rendah.")
    atasan.get_by_role("button", name="Kembalikan dengan alasan").click()
    atasan.get_by_text("SKP Dewi Lestari dikembalikan.").wait_for()

    # the pegawai reads the reason, revises the target in place, submits again
    pegawai.reload()
    assert "Target perekaman terlalu rendah." in pegawai.content()
    pegawai.get_by_text("Ubah indikator").click()
    editing = pegawai.locator("details[open]")
    assert editing.get_by_label("Target (angka)").input_value() == "1000"
    editing.get_by_label("Target (angka)").fill("1500")
    pegawai.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("1.500 perekaman").wait_for()
    pegawai.get_by_role("button", name="Ajukan SKP").click()
    pegawai.get_by_text("SKP diajukan kepada pejabat penilai").wait_for()

    # the supervisor sees what changed and sets it
    atasan.goto(base + "/kinerja/penilaian")
    atasan.get_by_role("link", name="Dewi Lestari").click()
    atasan.get_by_text("Perubahan sejak dikembalikan").wait_for()
    assert "1500" in atasan.locator(".changes").inner_text()
    atasan.get_by_role("button", name="Tetapkan SKP").click()
    atasan.get_by_text("SKP Dewi Lestari ditetapkan.").wait_for()

    # the pegawai submits Triwulan I with an evidence file
    pegawai.goto(base + "/kinerja")
    pegawai.get_by_role("button", name="Isi evaluasi Triwulan I", exact=True).click()
    pegawai.get_by_label("Realisasi: Jumlah perekaman KTP-el").fill("410 perekaman")
    pegawai.get_by_label("Penilaian diri").fill("Target triwulan terlampaui.")
    pegawai.get_by_text("Draf tersimpan otomatis pada").wait_for()  # autosave (htmx)
    pegawai.get_by_label("Berkas bukti dukung").set_input_files(str(evidence))
    pegawai.get_by_role("button", name="Tambahkan bukti").click()
    pegawai.get_by_text("Bukti dukung ditambahkan").wait_for()
    assert pegawai.get_by_label("Realisasi: Jumlah perekaman KTP-el").input_value() == \
        "410 perekaman"
    pegawai.get_by_role("button", name="Ajukan kepada pejabat penilai").click()
    pegawai.get_by_text("Evaluasi diajukan kepada pejabat penilai").wait_for()

    # the supervisor rates it; the predikat shows as soon as both ratings are chosen
    atasan.goto(base + "/kinerja/penilaian")
    atasan.get_by_role("link", name="Dewi Lestari").click()
    atasan.get_by_role("heading", name="Triwulan I 2026 — Dewi Lestari").wait_for()
    assert "rekap-siak.pdf" in atasan.content()
    atasan.get_by_label("Umpan balik atas RHK ini").fill("Capaian melampaui target.")
    atasan.get_by_role("group", name="Rating hasil kerja").get_by_label(
        "Di Atas Ekspektasi").check()
    atasan.get_by_role("group", name="Rating perilaku kerja").get_by_label(
        "Sesuai Ekspektasi").check()
    atasan.locator("#predikat").get_by_text("Baik").wait_for()
    atasan.get_by_role("button", name="Setujui (final)").click()
    atasan.get_by_text("Evaluasi Dewi Lestari disetujui: Baik.").wait_for()

    # the printable document shows it
    pegawai.goto(base + "/kinerja")
    pegawai.get_by_role("link", name="Disetujui").click()
    pegawai.get_by_role("link", name="Dokumen Evaluasi Kinerja Pegawai (cetak)").click()
    pegawai.get_by_role("heading", name="Dokumen Evaluasi Kinerja Pegawai").wait_for()
    assert pegawai.locator(".dokumen-predikat").inner_text().strip() == "Baik"
    assert "Capaian melampaui target." in pegawai.content()
    pegawai.emulate_media(media="print")
    assert pegawai.locator(".site-header").is_hidden()


def test_the_queue_from_the_keyboard_without_a_page_load(appraisal_server, new_page):
    base, users, password = appraisal_server
    atasan = new_page()
    sign_in(atasan, base, users["atasan"], password)
    atasan.goto(base + "/kinerja/penilaian")
    atasan.evaluate("window.samePage = true")  # gone if anything loads a whole new page
    link = atasan.get_by_role("link", name="Budi Santoso")
    link.focus()
    atasan.keyboard.press("Enter")
    atasan.get_by_role("heading", name="SKP 2026 — Budi Santoso").wait_for()
    # focus follows to the item's heading, so the next Tab goes through the item
    atasan.wait_for_function("document.activeElement && document.activeElement.id == 'panel-judul'")
    for _ in range(40):
        atasan.keyboard.press("Tab")
        if atasan.evaluate("document.activeElement.textContent.trim()") == "Tetapkan SKP":
            break
    atasan.keyboard.press("Enter")
    atasan.get_by_text("SKP Budi Santoso ditetapkan.").wait_for()
    atasan.get_by_text("Tidak ada item dengan saringan ini.").wait_for()  # the queue refreshed
    assert atasan.evaluate("window.samePage === true")
    assert "/kinerja/penilaian" in atasan.url
