"""Publishing asks first: "Periksa sebelum terbit" shows what will be published and stores
nothing; "Ya, terbitkan" publishes; "Ubah pilihan" goes back with the choices kept. A quarter
that has not ended is refused unless a setting allows it, and then only after a warning."""

from datetime import date

import pytest
import sqlalchemy as sa

from portal.core.models import AuditEntry, DomainError
from portal.scorecards.kelola import services
from portal.scorecards.kelola.forms import periode_choices
from portal.scorecards.models import PublikasiRapor

TODAY = date(2026, 12, 3)


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(PublikasiRapor.id)))


def _running() -> str:
    today = date.today()
    return f"{today.year}-T{(today.month - 1) // 3 + 1}"


def _last_ended() -> str:
    return periode_choices(date.today())[0][0]


def test_the_confirmation_page_shows_what_will_be_published_and_stores_nothing(
        client, world, login_as, db):
    login_as("admin_pemda")
    form = client.get("/kelola/rapor").get_data(as_text=True)
    assert "Periksa sebelum terbit" in form and 'action="/kelola/rapor/konfirmasi"' in form
    periode = _last_ended()
    page = client.post_form("/kelola/rapor/konfirmasi", {
        "pemda_id": world.pemda.id, "periode": periode, "catatan": "Data Agustus diperbaiki"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Periksa sebelum menerbitkan" in html and world.pemda.nama in html
    assert "Versi 1: periode ini belum pernah diterbitkan." in html
    assert "2 OPD aktif mendapat rapor." in html and "Data Agustus diperbaiki" in html
    assert "belum berakhir" not in html
    assert _count(db) == 0

    back = client.get(f"/kelola/rapor?pemda_id={world.pemda.id}&periode={periode}"
                      "&catatan=Data+Agustus+diperbaiki").get_data(as_text=True)
    assert f'<option selected value="{periode}">' in back
    assert "Data Agustus diperbaiki</textarea>" in back

    done = client.post_form("/kelola/rapor", {"pemda_id": world.pemda.id, "periode": periode,
                                              "catatan": "Data Agustus diperbaiki"},
                            follow_redirects=True)
    assert "diterbitkan sebagai versi 1" in done.get_data(as_text=True)
    again = client.post_form("/kelola/rapor/konfirmasi", {"pemda_id": world.pemda.id,
                                                          "periode": periode})
    assert "Versi 2: menggantikan versi 1 di halaman publik" in again.get_data(as_text=True)
    assert _count(db) == 1


def test_the_running_quarter_is_not_offered_and_is_refused(client, world, login_as, db):
    login_as("admin_pemda")
    form = client.get("/kelola/rapor").get_data(as_text=True)
    assert f'value="{_running()}"' not in form
    for url in ("/kelola/rapor/konfirmasi", "/kelola/rapor"):
        response = client.post_form(url, {"pemda_id": world.pemda.id, "periode": _running()})
        assert "Pilihan tidak sah" in response.get_data(as_text=True)
    assert _count(db) == 0
    with pytest.raises(DomainError, match="baru berakhir 31 Desember 2026"):
        services.publish(world.users["admin_pemda"], world.pemda, 2026, 4, today=TODAY)
    with pytest.raises(DomainError, match="baru berakhir 30 September 2026"):
        services.preview(world.pemda, 2026, 3, today=date(2026, 9, 30))  # its last day
    assert services.preview(world.pemda, 2026, 3, today=date(2026, 10, 1)).versi == 1


def test_early_publication_when_allowed_warns_first(client, world, login_as, db, app):
    app.config["PORTAL_PUBLISH_BEFORE_QUARTER_END"] = True
    login_as("admin_pemda")
    form = client.get("/kelola/rapor").get_data(as_text=True)
    assert "(belum berakhir)" in form and f'value="{_running()}"' in form
    page = client.post_form("/kelola/rapor/konfirmasi", {"pemda_id": world.pemda.id,
                                                         "periode": _running()})
    html = page.get_data(as_text=True)
    assert "Triwulan ini belum berakhir" in html and "masih akan berubah" in html
    assert _count(db) == 0
    client.post_form("/kelola/rapor", {"pemda_id": world.pemda.id, "periode": _running()})
    assert _count(db) == 1
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "diterbitkan"))
    assert "(sebelum triwulan berakhir)" in audit.comment
