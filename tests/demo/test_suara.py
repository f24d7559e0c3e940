"""`flask demo-data` closes one loop from the public's voice to action: categories on the demo
complaints, the city's mapping, the admin OPD's page with a weakest unsur and a recurring
category, and the public scorecard's before/after for the KTP-el course — nobody named."""

from datetime import date

import sqlalchemy as sa

from portal.complaints.models import Pengaduan
from portal.demo.complaints import build_demo_complaints
from portal.demo.org import build_demo_data
from portal.demo.pembinaan import DEMO_OPD_SLUG, build_demo_pembinaan
from portal.demo.scorecards import build_demo_history, build_demo_survey, publish_demo_periods
from portal.demo.suara import KURSUS_JUDUL, build_demo_suara
from portal.pembinaan.kompetensi.models import Kegiatan
from portal.scorecards import cache
from portal.scorecards.models import PublikasiRapor, RaporOpd


def test_a_fresh_demo_shows_the_loop(db, client):
    cache.clear()
    today = date.today()
    result = build_demo_data(300, seed=5)
    build_demo_complaints(seed=5)
    build_demo_pembinaan(seed=5, logins=result.logins)
    build_demo_survey(seed=5, today=today)
    build_demo_history(seed=5, today=today)
    counts = build_demo_suara(result.logins, today)
    publish_demo_periods(today)
    db.session.commit()
    assert counts["pemetaan_suara_publik"] >= 10 and counts["pengaduan_berkategori"] > 50
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pengaduan).where(
        Pengaduan.kategori.is_not(None))) == counts["pengaduan_berkategori"]

    # the public scorecard: the course, its dates, the unsur lower before and higher after
    rapor = db.session.scalar(sa.select(RaporOpd).join(RaporOpd.publikasi).where(
        PublikasiRapor.terkini, RaporOpd.opd_slug == DEMO_OPD_SLUG))
    [item] = rapor.data["tindak_lanjut"]
    assert item["judul"] == KURSUS_JUDUL
    assert item["sebelum"]["nrr"] < item["sesudah"]["nrr"]
    html = client.get(f"/instansi/{DEMO_OPD_SLUG}").get_data(as_text=True)
    assert KURSUS_JUDUL in html and "Nilai unsur Waktu penyelesaian:" in html
    kursus = db.session.scalar(sa.select(Kegiatan).where(Kegiatan.judul == KURSUS_JUDUL))
    for peserta in kursus.peserta:
        assert peserta.pegawai.nama not in html

    # the admin OPD's page: a weakest unsur with its mapped activities, a recurring category
    admin = next(login for login in result.logins if login["role"] == "admin_opd")
    client.post_form("/masuk", {"username": admin["username"], "password": admin["password"]})
    page = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Unsur SKM terendah" in page and "Rencanakan untuk pegawai layanan ini" in page
    assert "Kategori pengaduan yang berulang" in page and "Perilaku pelaksana" in page
    assert KURSUS_JUDUL in page  # planned for KTP-el
