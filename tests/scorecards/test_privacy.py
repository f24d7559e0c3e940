"""No public page, CSV or JSON names a staff member or identifies a reporter: build the whole
demo, publish, crawl everything public, and look for every demo name, phone, e-mail, tracking
code and suggestion."""

import re
from datetime import date

import sqlalchemy as sa

from portal.complaints.models import Pengaduan
from portal.demo.appraisals import build_demo_appraisals
from portal.demo.complaints import build_demo_complaints
from portal.demo.org import build_demo_data
from portal.demo.pembinaan import DEMO_OPD_SLUG
from portal.demo.scorecards import (
    SARAN,
    build_demo_appraisal_progress,
    build_demo_history,
    build_demo_survey,
    publish_demo_periods,
)
from portal.demo.suara import build_demo_suara
from portal.org.models import Pegawai
from portal.scorecards.models import PublikasiRapor

LINK = re.compile(r'href="(/(?:instansi|data|api)[^"#]*)"')


def test_nothing_public_names_a_person(client, db):
    demo = build_demo_data(80, seed=7)
    build_demo_complaints(seed=7)
    build_demo_appraisals(7, demo.logins)
    today = date.today()
    build_demo_survey(seed=7, today=today)
    assert build_demo_history(seed=7, today=today) > 500
    # the before/after of an activity from the public's voice: its participants are named nowhere
    assert build_demo_suara(demo.logins, today)["kegiatan_suara"] == 1
    assert build_demo_appraisal_progress(seed=7, today=today) > 10
    publish_demo_periods(today)
    db.session.commit()

    secrets = {p.nama for p in db.session.scalars(sa.select(Pegawai))}
    for p in db.session.scalars(sa.select(Pengaduan)):
        secrets |= {v for v in (p.pelapor_nama, p.pelapor_telepon, p.pelapor_email, p.kode_lacak)
                    if v}
    secrets |= {s for s in SARAN if s}
    assert len(secrets) > 100

    seen, queue = set(), ["/", "/instansi", "/metodologi", "/data", "/api/v1/instansi",
                          "/data/instansi.csv", "/data/kamus.json"]
    queue += [f"/data/publikasi/{pid}.{fmt}" for pid in db.session.scalars(
        sa.select(PublikasiRapor.id)) for fmt in ("csv", "json")]
    queue += [f"/data/instansi/{DEMO_OPD_SLUG}/tindak-lanjut.{fmt}" for fmt in ("csv", "json")]
    bodies, sample = [], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        bodies.append(body)
        for link in LINK.findall(body):
            link = link.replace("&amp;", "&")
            parts = link.split("?")[0].split("/")
            slug = parts[2] if link.startswith("/instansi/") else (
                parts[3] if link.startswith(("/data/instansi/", "/api/v1/instansi/")) else None)
            if slug and len(sample) < 12:
                sample.add(slug)
            # every scorecard page; its tables, API and older versions for a dozen of them
            if slug is None or slug in sample or link == f"/instansi/{slug}":
                queue.append(link)
    assert len(seen) > 400
    everything = "\n".join(bodies)
    leaks = sorted(s for s in secrets if s in everything)
    assert leaks == []
