"""Every legal and every illegal status change of a complaint (DOMAIN.md flow)."""

import itertools

import pytest

from portal.complaints.models import NEEDS_REASON, TRANSITIONS, Pengaduan, StatusPengaduan
from portal.core.models import DomainError

S = StatusPengaduan
LEGAL = {
    (S.DITERIMA, S.DIVERIFIKASI), (S.DITERIMA, S.DITOLAK), (S.DITERIMA, S.BUKAN_WEWENANG),
    (S.DITERIMA, S.DITUNDA), (S.DITUNDA, S.DITERIMA), (S.DITUNDA, S.DITOLAK),
    (S.DIVERIFIKASI, S.DIDISPOSISIKAN), (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
    (S.DIDISPOSISIKAN, S.SELESAI), (S.DITINDAKLANJUTI, S.SELESAI), (S.SELESAI, S.DITUTUP),
    (S.SELESAI, S.DITINDAKLANJUTI),  # the reporter disputes the answer: it reopens
    # a second report of a matter already reported is merged into it, until that is answered
    (S.DITERIMA, S.DIGABUNG), (S.DITUNDA, S.DIGABUNG), (S.DIDISPOSISIKAN, S.DIGABUNG),
    (S.DITINDAKLANJUTI, S.DIGABUNG),
}


def test_the_table_is_exactly_the_domain_flow():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == LEGAL


@pytest.mark.parametrize(("old", "new"), sorted(itertools.product(S, S)))
def test_move(old, new):
    complaint = Pengaduan(status=old)
    complaint.riwayat = []
    if (old, new) in LEGAL:
        complaint.move_to(new, actor_id=None, pesan="Alasan untuk pelapor.")
        assert complaint.status == new
        assert complaint.riwayat[-1].dari == old and complaint.riwayat[-1].ke == new
    else:
        with pytest.raises(DomainError):
            complaint.move_to(new, actor_id=None, pesan="Alasan")
        assert complaint.status == old


@pytest.mark.parametrize("new", sorted(NEEDS_REASON))
def test_refusals_and_holds_need_a_reason(new):
    complaint = Pengaduan(status=S.DITERIMA)
    complaint.riwayat = []
    with pytest.raises(DomainError) as error:
        complaint.move_to(new, actor_id=None, pesan="  ")
    assert error.value.field == "pesan"
    assert complaint.status == S.DITERIMA
