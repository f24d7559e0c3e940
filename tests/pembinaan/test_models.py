"""The states of participation and self-reported learning: every legal move, and every other
one refused with DomainError (portal/pembinaan/kompetensi/models.py)."""

from datetime import date

import pytest

from portal.core.models import DomainError
from portal.pembinaan.kompetensi.models import (
    MANDIRI_TRANSISI,
    PESERTA_TRANSISI,
    BentukKegiatan,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
)

MULAI, SELESAI = date(2026, 5, 4), date(2026, 5, 8)


def _peserta(status: StatusPeserta) -> PesertaKegiatan:
    kegiatan = Kegiatan(judul="Pelatihan Pelayanan Prima", bentuk=BentukKegiatan.PELATIHAN_TEKNIS,
                        jp=32, tanggal_mulai=MULAI, tanggal_selesai=SELESAI)
    return PesertaKegiatan(kegiatan=kegiatan, status=status)


def _move(peserta: PesertaKegiatan, ke: StatusPeserta) -> None:
    if ke == StatusPeserta.DISETUJUI:
        peserta.setujui()
    elif ke == StatusPeserta.DITOLAK:
        peserta.tolak("Beban kerja seksi sedang tinggi.")
    elif ke == StatusPeserta.DIBATALKAN:
        peserta.batalkan(date(2026, 5, 1))
    elif ke in (StatusPeserta.HADIR, StatusPeserta.TIDAK_HADIR):
        peserta.catat_kehadiran(ke == StatusPeserta.HADIR, MULAI)
    elif ke == StatusPeserta.SELESAI:
        peserta.nomor_sertifikat = "123/BPSDM/2026"
        peserta.selesaikan(32, SELESAI)
    else:
        raise AssertionError(ke)


MOVES = [(asal, ke) for asal in StatusPeserta for ke in StatusPeserta
         if ke != StatusPeserta.DIUSULKAN]


@pytest.mark.parametrize(("asal", "ke"), MOVES, ids=[f"{a}->{k}" for a, k in MOVES])
def test_participation_moves(asal, ke):
    peserta = _peserta(asal)
    if ke in PESERTA_TRANSISI.get(asal, ()):
        _move(peserta, ke)
        assert peserta.status == ke
    else:
        with pytest.raises(DomainError):
            _move(peserta, ke)
        assert peserta.status == asal


def test_completion_sets_the_jp_and_the_year_it_counts_in():
    peserta = _peserta(StatusPeserta.HADIR)
    peserta.nomor_sertifikat = "800/12/BPSDM"
    peserta.selesaikan(32, SELESAI)
    assert (peserta.jp_diakui, peserta.tahun) == (32, 2026)


def test_completion_needs_a_certificate_and_the_activity_over():
    peserta = _peserta(StatusPeserta.HADIR)
    with pytest.raises(DomainError, match="sertifikat"):
        peserta.selesaikan(32, SELESAI)
    peserta.nomor_sertifikat = "800/12/BPSDM"
    with pytest.raises(DomainError, match="belum berakhir"):
        peserta.selesaikan(32, date(2026, 5, 7))
    assert peserta.status == StatusPeserta.HADIR and peserta.jp_diakui is None


def test_attendance_not_before_the_start_and_refusal_needs_a_reason():
    peserta = _peserta(StatusPeserta.DISETUJUI)
    with pytest.raises(DomainError):
        peserta.catat_kehadiran(True, date(2026, 5, 3))
    with pytest.raises(DomainError):
        peserta.batalkan(MULAI)  # too late: the activity has begun
    proposal = _peserta(StatusPeserta.DIUSULKAN)
    with pytest.raises(DomainError, match="alasan"):
        proposal.tolak("  ")
    assert proposal.status == StatusPeserta.DIUSULKAN


def _mandiri(status: StatusMandiri) -> PembelajaranMandiri:
    return PembelajaranMandiri(judul="E-learning Pelayanan Publik", status=status,
                               bentuk=BentukKegiatan.E_LEARNING, tanggal_mulai=date(2025, 12, 20),
                               tanggal_selesai=date(2026, 1, 5), jp_tertulis=10)


MANDIRI_MOVES = [(asal, ke) for asal in StatusMandiri for ke in StatusMandiri
                 if ke != StatusMandiri.DIAJUKAN]


@pytest.mark.parametrize(("asal", "ke"), MANDIRI_MOVES,
                         ids=[f"{a}->{k}" for a, k in MANDIRI_MOVES])
def test_self_reported_learning_moves(asal, ke):
    item = _mandiri(asal)
    act = {StatusMandiri.DIVERIFIKASI: lambda: item.verifikasi(10),
           StatusMandiri.DITOLAK: lambda: item.tolak("Sertifikat tidak terbaca."),
           StatusMandiri.DIBATALKAN: item.batalkan}[ke]
    if ke in MANDIRI_TRANSISI.get(asal, ()):
        act()
        assert item.status == ke
    else:
        with pytest.raises(DomainError):
            act()
        assert item.status == asal and item.jp_diakui is None


def test_verified_learning_counts_in_the_year_it_ended():
    item = _mandiri(StatusMandiri.DIAJUKAN)
    item.verifikasi(10)
    assert (item.jp_diakui, item.tahun) == (10, 2026)
