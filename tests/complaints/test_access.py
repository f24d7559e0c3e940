"""The handling services ask who may act themselves, so a view that forgot to ask is still
refused: the koordinator's steps are for the koordinator of the complaint's pemda, the OPD's for
the petugas of the OPD it was routed to, notes and the summary for staff of either desk."""

from __future__ import annotations

import pytest

from portal.complaints import access, handling
from portal.complaints.models import StatusPengaduan
from portal.core.models import DomainError

KOORDINATOR_ONLY = "Hanya koordinator pengaduan wilayah laporan ini"


def test_the_koordinator_coordinates_their_pemda_only(file, world, db):
    koordinator = world.users["koordinator_pengaduan"]
    assert access.is_koordinator_of(koordinator, file())
    assert not access.is_koordinator_of(koordinator, file(opd=world.opd_pemda_lain))


@pytest.mark.parametrize("step", [
    lambda actor, p, world: handling.verify_and_route(actor, p, world.opd_pemda_lain,
                                                      perlu_tinjauan_lapangan=False, pesan=None),
    lambda actor, p, world: handling.refuse(actor, p, StatusPengaduan.DITOLAK, "Bukan aduan."),
])
def test_another_pemdas_complaint_is_not_the_koordinators_to_decide(file, world, db, step):
    pengaduan = file(opd=world.opd_pemda_lain)
    with pytest.raises(DomainError, match=KOORDINATOR_ONLY):
        step(world.users["koordinator_pengaduan"], pengaduan, world)
    assert pengaduan.status == StatusPengaduan.DITERIMA


def test_merge_needs_both_complaints_in_the_koordinators_area(file, world, db):
    koordinator = world.users["koordinator_pengaduan"]
    own, other = file(), file(opd=world.opd_pemda_lain)
    with pytest.raises(DomainError, match=KOORDINATOR_ONLY):
        handling.merge_into(koordinator, other, own, "Sama.")
    with pytest.raises(DomainError, match="Tidak ada laporan dengan kode itu di wilayah Anda"):
        handling.merge_into(koordinator, own, other, "Sama.")
    assert own.status == other.status == StatusPengaduan.DITERIMA


def test_notes_are_for_staff_of_a_desk_the_complaint_is_on(file, world, db):
    pengaduan = file(opd=world.opd_pemda_lain)
    with pytest.raises(DomainError):
        handling.add_note(world.users["koordinator_pengaduan"], pengaduan, "Catatan.")
    with pytest.raises(DomainError):
        handling.set_public_summary(world.users["koordinator_pengaduan"], pengaduan,
                                    "Ringkasan.", True)


def test_answer_templates_are_for_the_opds_own_desk(world, db):
    petugas = world.users["petugas_pengaduan"]
    with pytest.raises(DomainError, match="Hanya petugas pengaduan OPD ini"):
        handling.add_answer_template(petugas, world.opd_lain.id, "Blangko habis",
                                     "Blangko sedang habis.")
    with pytest.raises(DomainError, match="Hanya petugas pengaduan OPD ini"):
        handling.add_answer_template(world.users["koordinator_pengaduan"],
                                     world.opd_pemda_lain.id, "Blangko habis",
                                     "Blangko sedang habis.")
    own = handling.add_answer_template(petugas, world.opd.id, "Blangko habis",
                                       "Blangko sedang habis.")
    assert own.opd_id == world.opd.id
