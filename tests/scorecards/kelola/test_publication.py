"""Publication: figures are frozen as a versioned snapshot; the public pages read only that;
new answers change nothing until the next publication; old versions stay available."""

import re

import sqlalchemy as sa

from portal.scorecards import cache
from portal.scorecards.models import PublikasiRapor, RaporOpd
from tests.scorecards.conftest import add_answers, publish


def _rapor(world, pub) -> RaporOpd:
    return next(r for r in pub.rapor if r.opd_id == world.opd.id)


def test_nothing_is_public_before_publication(client, world):
    add_answers(world.layanan, 40, (4,) * 9)
    assert client.get(f"/instansi/{world.opd.slug}").status_code == 404
    assert world.opd.nama not in client.get("/instansi").get_data(as_text=True)


def test_publishing_freezes_the_figures(client, db, world):
    add_answers(world.layanan, 40, (4,) * 9)
    pub = publish(world)
    assert (pub.versi, pub.metodologi_versi, pub.terkini) == (1, "1.3", True)
    rapor = _rapor(world, pub)
    assert (float(rapor.ikm), rapor.mutu, rapor.responden) == (100.0, "A", 40)
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Triwulan II 2026, versi 1" in html and "100" in html

    # new answers, all bad: nothing public changes ...
    add_answers(world.layanan, 60, (1,) * 9)
    db.session.commit()
    cache.clear()  # rendered afresh from the database, not from the page cache
    assert client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True) == html
    db.session.refresh(rapor)
    assert float(rapor.ikm) == 100.0
    # ... until the period is published again, as version 2; version 1 is still there
    pub2 = publish(world, catatan="Jawaban terlambat ikut dihitung")
    assert pub2.versi == 2
    assert float(_rapor(world, pub2).ikm) == 55.0  # (40×100 + 60×25) / 100
    new_html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "versi 2" in new_html and "55" in new_html
    assert "Jawaban terlambat ikut dihitung" in new_html
    old = client.get(f"/instansi/{world.opd.slug}?publikasi={pub.id}").get_data(as_text=True)
    assert "Anda melihat versi lama" in old and "100" in old
    assert f"/data/publikasi/{pub.id}.csv" in new_html
    csv_old = client.get(f"/data/publikasi/{pub.id}.csv").get_data(as_text=True)
    assert ",100.0,A," in csv_old
    flags = db.session.execute(sa.select(PublikasiRapor.versi, PublikasiRapor.terkini,
                                         PublikasiRapor.versi_terakhir)
                               .order_by(PublikasiRapor.versi)).all()
    assert flags == [(1, False, False), (2, True, True)]


def test_latest_quarter_is_the_public_default_and_older_ones_form_the_trend(client, world):
    add_answers(world.layanan, 30, (3,) * 9)
    publish(world, 2026, 2)
    from datetime import datetime
    add_answers(world.layanan, 30, (4,) * 9, at=datetime(2026, 8, 1, 3))
    publish(world, 2026, 3)
    publish(world, 2026, 2)  # a re-publication of an older quarter does not take over
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Triwulan III 2026, versi 1" in html
    trend = client.get(f"/data/instansi/{world.opd.slug}/tren.csv").get_data(as_text=True)
    assert trend.splitlines()[1:] == ["2026-T2,2,75.0,C,30,,", "2026-T3,1,100.0,A,30,,"]
    assert html.count("<svg") >= 3 and "<polyline" in html


def test_only_admin_pemda_of_that_pemda_publishes(client, world, login_as, db):
    login_as("admin_opd")
    assert client.get("/kelola/rapor").status_code == 403
    client.post_form("/keluar")
    login_as("admin_pemda_lain")
    page = client.get("/kelola/rapor").get_data(as_text=True)
    assert world.pemda.nama not in page
    response = client.post_form("/kelola/rapor", {"pemda_id": world.pemda.id,
                                                  "periode": "2026-T2"})
    assert "Pilihan tidak sah" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PublikasiRapor.id))) == 0


def test_admin_pemda_publishes_from_the_page(client, world, login_as, db):
    add_answers(world.layanan, 12, (3,) * 9)
    login_as("admin_pemda")
    form = client.get("/kelola/rapor").get_data(as_text=True)
    periode = re.search(r'<option value="(\d{4}-T\d)"', form).group(1)
    response = client.post_form("/kelola/rapor", {"pemda_id": world.pemda.id,
                                                  "periode": periode}, follow_redirects=True)
    assert "diterbitkan sebagai versi 1" in response.get_data(as_text=True)
    pub = db.session.scalar(sa.select(PublikasiRapor))
    assert pub.kode == periode and pub.diterbitkan_oleh_id == world.users["admin_pemda"].id
    assert {r.opd_slug for r in pub.rapor} == {world.opd.slug, world.opd_lain.slug}


def test_a_quarter_that_has_not_started_is_refused(client, world, login_as):
    from datetime import date

    import pytest

    from portal.core.models import DomainError
    from portal.scorecards.kelola import services
    with pytest.raises(DomainError):
        services.publish(world.users["admin_pemda"], world.pemda, 2027, 1, today=date(2026, 11, 23))
