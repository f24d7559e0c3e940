"""`make run` shows every block: the demo publishes two quarters (the current one twice) with
survey answers, service figures, complaints and appraisal aggregates in them."""

from datetime import date

import sqlalchemy as sa

from portal.demo.org import build_demo_data
from portal.demo.scorecards import (
    build_demo_appraisal_progress,
    build_demo_history,
    build_demo_survey,
    publish_demo_periods,
)
from portal.scorecards.models import PublikasiRapor, RaporOpd


def test_demo_fills_every_block_and_two_periods(db, client):
    build_demo_data(300, seed=3)
    today = date.today()
    counts = build_demo_survey(seed=3, today=today)
    assert counts["jawaban_skm"] > 5000 and counts["capaian_layanan"] > 500
    build_demo_history(seed=3, today=today)
    build_demo_appraisal_progress(seed=3, today=today)
    assert publish_demo_periods(today) >= 3
    db.session.commit()
    pubs = db.session.scalars(sa.select(PublikasiRapor)).all()
    assert len({(p.pemda_id, p.tahun, p.triwulan) for p in pubs}) >= 2 * len(
        {p.pemda_id for p in pubs})
    current = db.session.scalars(sa.select(RaporOpd).join(RaporOpd.publikasi).where(
        PublikasiRapor.terkini)).all()
    assert any(r.mutu for r in current)
    assert any(r.data["pengaduan"]["persen_tepat_waktu"] is not None for r in current)
    assert any(r.persen_standar_tepat_waktu is not None for r in current)
    assert any(r.data["asn"].get("predikat") for r in current)
    best = max((r for r in current if r.data["asn"].get("predikat")),
               key=lambda r: r.data["asn"]["pegawai"])
    html = client.get(f"/instansi/{best.opd_slug}").get_data(as_text=True)
    assert html.count("<polyline") >= 2 and "Predikat Baik" in html
