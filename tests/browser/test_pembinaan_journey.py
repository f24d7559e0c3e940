"""In real Chromium at phone width (issue 10): the supervisor approves an evaluation with Butuh
Perbaikan → the portal proposes a coaching plan → the supervisor writes it with an action tied to
a catalogue training and both agree it → the admin OPD marks attendance and records the
certificate → the pegawai's JP bar moves → after publication the scorecard's 20 JP share shows a
figure. Each plan page the two use passes axe-core."""

import threading
from datetime import timedelta

import flask_migrate
import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import StatusAsn
from tests.appraisals.factories import (
    make_approved_skp,
    make_set_skp,
    make_submitted_evaluasi,
    make_year,
)
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility_sweep import problems_on
from tests.factories import build_world, make_pegawai
from tests.pembinaan.factories import make_kegiatan

pytestmark = pytest.mark.browser

COURSE = "Pelatihan Pelayanan Prima Adminduk"


@pytest.fixture(scope="module")
def pembinaan_server(tmp_path_factory):
    """Dewi's Triwulan I submitted to Ahmad; a 24 JP course of the OPD that ends today; six PNS
    in the OPD, so its 20 JP share is published."""
    instance = tmp_path_factory.mktemp("pembinaan-live")
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": instance,
                      "PORTAL_UPLOAD_DIR": instance / "uploads",
                      "PORTAL_PUBLISH_BEFORE_QUARTER_END": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'live.db'}"})
    with app.app_context():
        flask_migrate.upgrade()
        world = build_world()
        year = make_year(world)
        skp = make_approved_skp(world, year, make_set_skp(world.pegawai["kasi"], year))
        make_submitted_evaluasi(world, year, skp)
        for name in ("Rina Handayani", "Yusuf Maulana"):
            make_pegawai(world.units["seksi"], name, atasan=world.pegawai["kasi"],
                         status=StatusAsn.PNS)
        today = local_date(utcnow())
        make_kegiatan(world.opd, judul=COURSE, jp=24, mulai=today - timedelta(days=2),
                      selesai=today)
        db.session.commit()
        usernames = {name: user.username for name, user in world.users.items()}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", usernames, world.password
    server.shutdown()
    thread.join(timeout=5)


def test_low_predikat_to_plan_to_jp_to_scorecard(pembinaan_server, new_page, tmp_path):
    base, users, password = pembinaan_server
    certificate = tmp_path / "sertifikat.pdf"
    certificate.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # the supervisor rates Dewi's Triwulan I: Di Bawah Ekspektasi → Butuh Perbaikan
    atasan = new_page()
    sign_in(atasan, base, users["atasan"], password)
    atasan.goto(base + "/kinerja/penilaian")
    atasan.get_by_role("link", name="Dewi Lestari").click()
    atasan.get_by_role("heading", name="Triwulan I 2026 — Dewi Lestari").wait_for()
    atasan.get_by_role("group", name="Rating hasil kerja").get_by_label(
        "Di Bawah Ekspektasi").check()
    atasan.get_by_role("group", name="Rating perilaku kerja").get_by_label(
        "Sesuai Ekspektasi").check()
    atasan.get_by_role("button", name="Setujui (final)").click()
    atasan.get_by_text("Evaluasi Dewi Lestari disetujui: Butuh Perbaikan.").wait_for()

    # the portal proposed a plan; the supervisor opens and writes it
    atasan.goto(base + "/pembinaan/rencana")
    atasan.get_by_role("link", name="Dewi Lestari").click()
    atasan.get_by_role("heading", name="Rencana pembinaan Dewi Lestari").wait_for()
    assert "Predikat kinerja di bawah Baik" in atasan.content()
    atasan.get_by_role("button", name="Buka dan susun rencana").click()
    atasan.get_by_text("Rencana dibuka").wait_for()
    assert "Butuh Perbaikan pada Triwulan I 2026" in atasan.get_by_label(
        "Uraian kesenjangan kinerja").input_value()  # drafted from the ratings
    atasan.get_by_label("Tujuan yang terukur").fill(
        "Seluruh berkas KTP-el selesai dalam standar waktu pada Triwulan III.")
    atasan.get_by_label("Cara mengukur keberhasilan").fill("Rekap standar pelayanan bulanan.")
    atasan.get_by_role("button", name="Simpan isi rencana").click()
    atasan.get_by_text("Isi rencana disimpan.").wait_for()
    # a training action from the catalogue; the date left empty is refused, the rest kept
    atasan.get_by_label("Jenis tindakan").select_option(label="Pelatihan dari katalog")
    atasan.get_by_label("Pelatihan dari katalog").select_option(index=1)
    atasan.get_by_role("button", name="Tambah tindakan").click()
    atasan.get_by_text("Isi batas waktunya.").first.wait_for()
    assert atasan.get_by_label("Jenis tindakan").input_value() == "pelatihan"
    atasan.get_by_label("Batas waktu").fill(local_date(utcnow()).isoformat())
    atasan.get_by_role("button", name="Tambah tindakan").click()
    atasan.get_by_text("Tindakan ditambahkan.").wait_for()
    assert COURSE in atasan.content()
    plan_url = atasan.url
    assert problems_on(atasan, plan_url, "id") == []
    atasan.get_by_role("button", name="Saya setuju dengan rencana ini").click()
    atasan.get_by_text("Persetujuan Anda tercatat; menunggu pihak lainnya.").wait_for()

    # Dewi reads it and agrees: the plan runs, and she is enrolled in the course
    pegawai = new_page()
    sign_in(pegawai, base, users["pegawai"], password)
    pegawai.goto(base + "/pembinaan/rencana")
    pegawai.get_by_role("link", name="Predikat kinerja di bawah Baik").click()
    pegawai.get_by_text("Rekap standar pelayanan bulanan.").first.wait_for()
    pegawai.get_by_role("button", name="Saya setuju dengan rencana ini").click()
    pegawai.get_by_text("Rencana disepakati kedua pihak dan mulai berjalan.").wait_for()
    assert problems_on(pegawai, plan_url, "id") == []
    pegawai.goto(base + "/pembinaan/kompetensi")
    assert "0 dari 20 JP" in pegawai.content() and COURSE in pegawai.content()

    # the admin OPD marks attendance and records the certificate
    admin = new_page()
    sign_in(admin, base, users["admin_opd"], password)
    admin.goto(base + "/pembinaan/kelola/kegiatan")
    admin.get_by_role("link", name=COURSE).click()
    admin.get_by_label("Hadir", exact=True).check()
    admin.get_by_role("button", name="Catat kehadiran").click()
    admin.get_by_label("Berkas sertifikat").set_input_files(str(certificate))
    admin.get_by_role("button", name="Catat sertifikat, akui JP").click()
    admin.get_by_text("24 JP diakui").wait_for()

    # Dewi's JP bar moved; the plan's training action is done
    pegawai.goto(base + "/pembinaan/kompetensi")
    assert "24 dari 20 JP" in pegawai.content()
    assert pegawai.locator("progress").get_attribute("value") == "20"
    pegawai.goto(plan_url)
    assert "✓ Selesai" in pegawai.content()

    # after publication, the scorecard's 20 JP share shows a figure (1 of 6 PNS)
    publisher = new_page()
    sign_in(publisher, base, users["admin_pemda"], password)
    publisher.get_by_role("link", name="Terbitkan rapor").click()
    publisher.get_by_label("Periode").select_option(index=0)
    publisher.get_by_role("button", name="Periksa sebelum terbit").click()
    publisher.get_by_role("button", name="Ya, terbitkan").click()
    publisher.get_by_text("diterbitkan sebagai versi").wait_for()
    publisher.goto(base + "/instansi/disdukcapil-bdl")
    cell = publisher.locator("#tabel-pembinaan td[data-kolom='persen_pns_target_jp']").first
    assert cell.inner_text() == "16,7"
    assert "Dewi Lestari" not in publisher.content()
