"""Issue 12: each pemda's desk coordinates only its own complaints. The province's koordinator
does not take in a complaint placed in Kota Metro (a pemda on the portal with its own desk), and
no koordinator routes a complaint to another pemda's OPD."""

from portal.complaints.models import StatusPengaduan
from portal.core.roles import Role
from portal.org.models import TingkatWilayah, Wilayah
from tests.factories import make_pemda, make_user

S = StatusPengaduan


def test_the_provinces_desk_does_not_take_in_a_kota_complaint(client, file, world, db):
    lampung = db.session.query(Wilayah).filter_by(tingkat=TingkatWilayah.PROVINSI).one()
    provinsi = make_pemda("Pemerintah Provinsi Lampung", "provinsi-lampung", lampung)
    make_user("koordinator.provinsi", "Koordinator Provinsi",
              roles=((Role.KOORDINATOR_PENGADUAN, provinsi),))
    metro_only = file(opd_id=None, wilayah_id=world.pemda_lain.wilayah_id)
    db.session.commit()
    client.post_form("/masuk", {"username": "koordinator.provinsi", "password": world.password})
    assert metro_only.kode_lacak not in client.get("/meja/koordinator").get_data(as_text=True)
    assert client.get(f"/meja/pengaduan/{metro_only.id}").status_code == 403
    response = client.post_form(f"/meja/pengaduan/{metro_only.id}/verifikasi", {
        "tindakan": "ditolak", "pesan": "Bukan urusan provinsi."})
    assert response.status_code == 403
    db.session.expire_all()
    assert metro_only.status == S.DITERIMA and len(metro_only.riwayat) == 1


def test_routing_to_another_pemdas_opd_is_refused_next_to_the_field(client, login_as, file,
                                                                     world, db):
    pengaduan = file()
    login_as("koordinator_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert world.opd_pemda_lain.nama not in html  # not offered
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/verifikasi", {
        "tindakan": "teruskan", "opd_id": str(world.opd_pemda_lain.id),
        "pesan": "Kami teruskan ke dinas terkait."})
    html = response.get_data(as_text=True)
    assert "Pilihan tidak sah" in html  # the list holds only the koordinator's own OPDs
    assert "Kami teruskan ke dinas terkait." in html  # what was typed is kept
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA and pengaduan.opd_id == world.opd.id


def test_the_service_refuses_another_pemdas_opd_whatever_the_form_offered(file, world, db):
    import pytest

    from portal.complaints import handling
    from portal.core.models import DomainError

    pengaduan = file()
    with pytest.raises(DomainError, match="bukan OPD pemda Anda"):
        handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan,
                                  world.opd_pemda_lain, perlu_tinjauan_lapangan=False, pesan=None)
    assert pengaduan.status == S.DITERIMA
