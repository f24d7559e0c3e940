"""Issue 12: each pemda's desk coordinates only its own complaints. The province's koordinator
does not take in a complaint placed in Kota Metro (a pemda on the portal with its own desk), and
no koordinator routes a complaint to another pemda's OPD."""

import pytest

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
    from portal.complaints import handling
    from portal.core.models import DomainError

    pengaduan = file()
    with pytest.raises(DomainError, match="bukan OPD pemda Anda"):
        handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan,
                                  world.opd_pemda_lain, perlu_tinjauan_lapangan=False, pesan=None)
    assert pengaduan.status == S.DITERIMA


STEPS = {"catatan": {"isi": "Catatan dari provinsi."},
         "ringkasan": {"ringkasan_publik": "Ringkasan dari provinsi.", "disetujui": "y"},
         "verifikasi": {"tindakan": "ditolak", "pesan": "Bukan urusan kota."},
         "gabung": {"kode_manual": "", "alasan": "Sama dengan laporan lain."},
         "tindak-lanjut": {"rencana": "Rencana dari provinsi."},
         "jawab": {"jawaban": "Jawaban dari provinsi."},
         "klasifikasi": {"unit_id": "0", "layanan_id": "0"},
         "kaitkan-pegawai": {"catatan": "Petugas loket."}}


def _state(pengaduan):
    return (pengaduan.status, pengaduan.opd_id, pengaduan.unit_id, len(pengaduan.riwayat),
            len(pengaduan.catatan), pengaduan.ringkasan_publik, len(pengaduan.kaitan_pegawai),
            pengaduan.updated_at)


@pytest.mark.parametrize("routed", [False, True], ids=["baru", "diteruskan"])
def test_the_provinces_desk_is_refused_every_step_of_a_kota_complaint(client, file, world, db,
                                                                      routed):
    """A complaint for Kota Bandar Lampung's own OPD is Kota Bandar Lampung's: the province's
    koordinator neither opens it nor takes any step on it, and nothing is written."""
    from portal.complaints import handling

    lampung = db.session.query(Wilayah).filter_by(tingkat=TingkatWilayah.PROVINSI).one()
    provinsi = make_pemda("Pemerintah Provinsi Lampung", "provinsi-lampung", lampung)
    make_user("koordinator.provinsi", "Koordinator Provinsi",
              roles=((Role.KOORDINATOR_PENGADUAN, provinsi),))
    pengaduan = file()
    if routed:
        handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                                  perlu_tinjauan_lapangan=False, pesan=None)
    db.session.commit()
    before = _state(pengaduan)
    client.post_form("/masuk", {"username": "koordinator.provinsi", "password": world.password})
    assert client.get(f"/meja/pengaduan/{pengaduan.id}").status_code == 403
    assert pengaduan.kode_lacak not in client.get("/meja/koordinator").get_data(as_text=True)
    for step, data in STEPS.items():
        response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/{step}", data)
        assert response.status_code == 403, step
    db.session.expire_all()
    assert _state(pengaduan) == before
