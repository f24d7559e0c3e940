"""Rencana pembinaan: the coaching / development plan that follows a low predikat, a complaint
found to be the officer's fault, or the pegawai's own request (PermenPANRB 6/2022: pembinaan and
dialog kinerja; PP 11/2017 art. 205–207: development from the performance gap).

- ``RencanaPembinaan``: the gap, a measurable goal, the improvement period and the outcome;
  proposed by the portal (or asked for), opened and written by the pejabat penilai, agreed by
  both, then run with check-ins until closed berhasil / tidak berhasil, or cancelled;
- ``AksiRencana``: one action (coaching, mentoring, a catalogue training, a special assignment)
  with its owner and due date; a training becomes a participation in the catalogue activity
  when the plan is agreed, so its JP count like any other;
- ``DialogKinerja``: a check-in, with its notes.

Every state and its legal next states live here (``RENCANA_TRANSISI``); any other move raises
``DomainError``."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.evaluasi.models import Evaluasi, Predikat
from portal.appraisals.skp.models import BERAKHLAK_LABEL, NilaiBerakhlak
from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.kompetensi.models import Kegiatan, PesertaKegiatan, StatusPeserta

#: the predikat that lead to pembinaan (PermenPANRB 6/2022)
PREDIKAT_PEMBINAAN = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                                Predikat.SANGAT_KURANG})


class SumberRencana(enum.StrEnum):
    PREDIKAT = "predikat"
    PENGADUAN = "pengaduan"
    PERMINTAAN = "permintaan"
    PENILAI = "penilai"


SUMBER_LABEL = {
    SumberRencana.PREDIKAT: _l("Predikat kinerja di bawah Baik"),
    SumberRencana.PENGADUAN: _l("Pengaduan masyarakat: pelayanan terbukti bermasalah"),
    SumberRencana.PERMINTAAN: _l("Permintaan pegawai"),
    SumberRencana.PENILAI: _l("Dibuka pejabat penilai"),
}


class StatusRencana(enum.StrEnum):
    #: proposed by the portal or asked for by the pegawai; the penilai has not opened it yet
    DIUSULKAN = "diusulkan"
    #: opened: the penilai writes it; both agree it
    DISUSUN = "disusun"
    #: agreed by both: the actions run, with check-ins
    BERJALAN = "berjalan"
    BERHASIL = "berhasil"
    TIDAK_BERHASIL = "tidak_berhasil"
    DIBATALKAN = "dibatalkan"


STATUS_RENCANA_LABEL = {
    StatusRencana.DIUSULKAN: _l("Diusulkan, belum dibuka penilai"),
    StatusRencana.DISUSUN: _l("Disusun, menunggu kesepakatan"),
    StatusRencana.BERJALAN: _l("Berjalan"),
    StatusRencana.BERHASIL: _l("Selesai: berhasil"),
    StatusRencana.TIDAK_BERHASIL: _l("Selesai: tidak berhasil"),
    StatusRencana.DIBATALKAN: _l("Dibatalkan"),
}

RENCANA_TRANSISI: dict[StatusRencana, frozenset[StatusRencana]] = {
    StatusRencana.DIUSULKAN: frozenset({StatusRencana.DISUSUN, StatusRencana.DIBATALKAN}),
    StatusRencana.DISUSUN: frozenset({StatusRencana.BERJALAN, StatusRencana.DIBATALKAN}),
    StatusRencana.BERJALAN: frozenset({StatusRencana.BERHASIL, StatusRencana.TIDAK_BERHASIL,
                                       StatusRencana.DIBATALKAN}),
}
#: the audit actions of a plan, as its history shows them
AKSI_RIWAYAT_LABEL = {
    "diusulkan": _l("Diusulkan portal"),
    "diminta": _l("Diminta pegawai"),
    "dibuka": _l("Dibuka pejabat penilai"),
    "diubah": _l("Isi rencana diubah"),
    "aksi_ditambah": _l("Tindakan ditambahkan"),
    "aksi_dihapus": _l("Tindakan dihapus"),
    "disetujui_satu_pihak": _l("Disetujui satu pihak"),
    "disepakati": _l("Disepakati kedua pihak"),
    "aksi_selesai": _l("Tindakan selesai"),
    "dialog_kinerja": _l("Dialog kinerja"),
    "ditutup": _l("Ditutup"),
    "dibatalkan": _l("Dibatalkan"),
}
RENCANA_AKTIF = (StatusRencana.DIUSULKAN, StatusRencana.DISUSUN, StatusRencana.BERJALAN)
RENCANA_SELESAI = (StatusRencana.BERHASIL, StatusRencana.TIDAK_BERHASIL)


class JenisAksi(enum.StrEnum):
    COACHING = "coaching"
    MENTORING = "mentoring"
    PELATIHAN = "pelatihan"
    PENUGASAN = "penugasan"


JENIS_AKSI_LABEL = {
    JenisAksi.COACHING: _l("Coaching"),
    JenisAksi.MENTORING: _l("Mentoring"),
    JenisAksi.PELATIHAN: _l("Pelatihan dari katalog"),
    JenisAksi.PENUGASAN: _l("Penugasan khusus"),
}


class PemilikAksi(enum.StrEnum):
    PEGAWAI = "pegawai"
    PENILAI = "penilai"


PEMILIK_LABEL = {
    PemilikAksi.PEGAWAI: _l("Pegawai"),
    PemilikAksi.PENILAI: _l("Pejabat penilai"),
}


class RencanaPembinaan(TimestampMixin, db.Model):
    __tablename__ = "rencana_pembinaan"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    #: the pegawai's OPD when the plan began: the OPD whose figures it counts in
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"))
    #: the pejabat penilai (the pegawai's atasan) who writes and agrees it
    penilai_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    sumber: Mapped[SumberRencana] = mapped_column(
        enum_column(SumberRencana, 16, name="pmb_rencana_sumber"))
    status: Mapped[StatusRencana] = mapped_column(
        enum_column(StatusRencana, 16, name="pmb_rencana_status"),
        default=StatusRencana.DIUSULKAN)
    #: the evaluation whose low predikat led to it; one plan each
    evaluasi_id: Mapped[int | None] = mapped_column(sa.ForeignKey("evaluasi.id"), unique=True)
    #: the complaint found to be the officer's fault
    pengaduan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pengaduan.id"), index=True)
    #: why the pegawai asked for one
    alasan_permintaan: Mapped[str | None] = mapped_column(sa.Text)
    #: the gap it works on: one RHK, one BerAKHLAK value, or (neither) the complaint / the text
    rhk_id: Mapped[int | None] = mapped_column(sa.ForeignKey("rhk.id", ondelete="SET NULL"))
    nilai_berakhlak: Mapped[NilaiBerakhlak | None] = mapped_column(
        enum_column(NilaiBerakhlak, 24, name="pmb_rencana_nilai"))
    kesenjangan: Mapped[str] = mapped_column(sa.Text, default="")
    tujuan: Mapped[str] = mapped_column(sa.Text, default="")
    #: how the goal is measured at the end
    ukuran_keberhasilan: Mapped[str] = mapped_column(sa.Text, default="")
    #: by when a proposed plan should be agreed (the predikat's day + a setting's days)
    batas_susun: Mapped[date | None]
    #: the improvement period (PermenPANRB 6/2022: six months, a setting)
    mulai: Mapped[date | None]
    selesai_rencana: Mapped[date | None]
    dibuka_at: Mapped[datetime | None]
    setuju_pegawai_at: Mapped[datetime | None]
    setuju_penilai_at: Mapped[datetime | None]
    disepakati_at: Mapped[datetime | None]
    ditutup_at: Mapped[datetime | None]
    #: the outcome's note; the reason of a cancellation
    catatan_hasil: Mapped[str | None] = mapped_column(sa.Text)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    opd: Mapped[Opd] = relationship()
    evaluasi: Mapped[Evaluasi | None] = relationship()
    aksi: Mapped[list[AksiRencana]] = relationship(
        back_populates="rencana", cascade="all, delete-orphan", order_by="AksiRencana.batas")
    dialog: Mapped[list[DialogKinerja]] = relationship(
        back_populates="rencana", cascade="all, delete-orphan",
        order_by="DialogKinerja.tanggal")

    __table_args__ = (sa.Index("ix_rencana_pembinaan_opd_status", "opd_id", "status"),)

    @property
    def status_label(self) -> str:
        return str(STATUS_RENCANA_LABEL[self.status])

    @property
    def sumber_label(self) -> str:
        return str(SUMBER_LABEL[self.sumber])

    @property
    def aktif(self) -> bool:
        return self.status in RENCANA_AKTIF

    @property
    def kesenjangan_label(self) -> str | None:
        """The named gap: the RHK's text or the BerAKHLAK value."""
        if self.nilai_berakhlak is not None:
            return str(BERAKHLAK_LABEL[self.nilai_berakhlak])
        if self.rhk_id is not None:
            from portal.appraisals.skp.models import Rhk

            rhk = db.session.get(Rhk, self.rhk_id)
            return rhk.uraian if rhk else None
        return None

    def boleh(self, ke: StatusRencana) -> bool:
        return ke in RENCANA_TRANSISI.get(self.status, frozenset())

    def _pindah(self, ke: StatusRencana) -> StatusRencana:
        if not self.boleh(ke):
            raise DomainError(_("Tidak dapat diubah menjadi \"%(ke)s\": rencana pembinaan "
                                "sekarang \"%(status)s\".", ke=STATUS_RENCANA_LABEL[ke],
                                status=self.status_label))
        asal, self.status = self.status, ke
        return asal

    def _harus(self, status: StatusRencana, pesan: str) -> None:
        if self.status != status:
            raise DomainError(pesan)

    def buka(self) -> StatusRencana:
        asal = self._pindah(StatusRencana.DISUSUN)
        self.dibuka_at = utcnow()
        return asal

    def cek_dapat_diubah(self) -> None:
        self._harus(StatusRencana.DISUSUN, _("Isi rencana hanya dapat diubah selama disusun, "
                                             "sebelum disepakati kedua pihak."))

    def batalkan_kesepakatan(self) -> None:
        """A change after one side agreed: both agree again what they now read."""
        self.setuju_pegawai_at = self.setuju_penilai_at = None

    def sepakati(self, pihak: PemilikAksi, today: date, bulan: int) -> bool:
        """One side agrees; with both, the plan runs (True). Refused while the plan is not
        complete: the gap, the goal, its measure and at least one action."""
        self._harus(StatusRencana.DISUSUN, _("Hanya rencana yang sedang disusun yang dapat "
                                             "disepakati."))
        if not (self.kesenjangan or "").strip():
            raise DomainError(_("Tuliskan kesenjangan kinerja yang ditangani rencana ini."),
                              "kesenjangan")
        if not (self.tujuan or "").strip():
            raise DomainError(_("Tuliskan tujuan yang terukur."), "tujuan")
        if not (self.ukuran_keberhasilan or "").strip():
            raise DomainError(_("Tuliskan cara mengukur keberhasilannya."),
                              "ukuran_keberhasilan")
        if not self.aksi:
            raise DomainError(_("Tambahkan paling sedikit satu tindakan."))
        now = utcnow()
        if pihak == PemilikAksi.PEGAWAI:
            self.setuju_pegawai_at = self.setuju_pegawai_at or now
        else:
            self.setuju_penilai_at = self.setuju_penilai_at or now
        if self.setuju_pegawai_at is None or self.setuju_penilai_at is None:
            return False
        self._pindah(StatusRencana.BERJALAN)
        self.disepakati_at = now
        self.mulai = today
        if self.selesai_rencana is None or self.selesai_rencana <= today:
            self.selesai_rencana = tambah_bulan(today, bulan)
        return True

    def tutup(self, ke: StatusRencana, catatan: str | None) -> StatusRencana:
        if ke not in RENCANA_SELESAI:
            raise DomainError(_("Pilih hasil rencana pembinaan."), "hasil")
        catatan = (catatan or "").strip()
        if self.boleh(ke) and not catatan:
            raise DomainError(_("Tuliskan catatan hasilnya: apa yang tercapai dan buktinya."),
                              "catatan_hasil")
        asal = self._pindah(ke)
        self.catatan_hasil, self.ditutup_at = catatan, utcnow()
        return asal

    def batalkan(self, alasan: str | None) -> StatusRencana:
        alasan = (alasan or "").strip()
        if self.boleh(StatusRencana.DIBATALKAN) and not alasan:
            raise DomainError(_("Tuliskan alasan pembatalan."), "alasan")
        asal = self._pindah(StatusRencana.DIBATALKAN)
        self.catatan_hasil, self.ditutup_at = alasan, utcnow()
        return asal

    def __repr__(self) -> str:
        return f"<RencanaPembinaan {self.id} {self.pegawai_id} {self.status}>"


def tambah_bulan(day: date, bulan: int) -> date:
    """``day`` plus whole months, on the last day of the month when it is shorter."""
    import calendar

    month0 = day.month - 1 + bulan
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AksiRencana(db.Model):
    __tablename__ = "aksi_rencana"

    id: Mapped[int] = mapped_column(primary_key=True)
    rencana_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rencana_pembinaan.id", ondelete="CASCADE"), index=True)
    jenis: Mapped[JenisAksi] = mapped_column(enum_column(JenisAksi, 16, name="pmb_aksi_jenis"))
    uraian: Mapped[str] = mapped_column(sa.Text)
    pemilik: Mapped[PemilikAksi] = mapped_column(
        enum_column(PemilikAksi, 16, name="pmb_aksi_pemilik"))
    batas: Mapped[date]
    #: the catalogue activity of a training action
    kegiatan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("kegiatan_pengembangan.id"))
    #: the pegawai's participation in it, made when the plan was agreed
    peserta_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("peserta_kegiatan.id", ondelete="SET NULL"))
    selesai_at: Mapped[datetime | None]
    #: how it went, written by whoever marked it done
    catatan: Mapped[str | None] = mapped_column(sa.Text)

    rencana: Mapped[RencanaPembinaan] = relationship(back_populates="aksi")
    kegiatan: Mapped[Kegiatan | None] = relationship()
    peserta: Mapped[PesertaKegiatan | None] = relationship()

    @property
    def jenis_label(self) -> str:
        return str(JENIS_AKSI_LABEL[self.jenis])

    @property
    def pemilik_label(self) -> str:
        return str(PEMILIK_LABEL[self.pemilik])

    @property
    def selesai(self) -> bool:
        """Done when marked so, or, for a training, when its certificate was recorded."""
        if self.selesai_at is not None:
            return True
        return self.peserta is not None and self.peserta.status == StatusPeserta.SELESAI

    def terlambat(self, today: date) -> bool:
        return (self.rencana.status == StatusRencana.BERJALAN and not self.selesai
                and self.batas < today)

    def tandai_selesai(self, catatan: str | None) -> None:
        if self.rencana.status != StatusRencana.BERJALAN:
            raise DomainError(_("Tindakan ditandai selesai selama rencana berjalan."))
        if self.selesai:
            raise DomainError(_("Tindakan ini sudah selesai."))
        if self.jenis == JenisAksi.PELATIHAN and self.peserta is not None:
            raise DomainError(_("Pelatihan selesai saat admin OPD mencatat sertifikatnya."))
        self.selesai_at, self.catatan = utcnow(), (catatan or "").strip() or None


class DialogKinerja(db.Model):
    """A check-in (dialog kinerja) between the pegawai and the penilai during the plan."""

    __tablename__ = "dialog_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    rencana_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rencana_pembinaan.id", ondelete="CASCADE"), index=True)
    tanggal: Mapped[date]
    catatan: Mapped[str] = mapped_column(sa.Text)
    oleh_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    rencana: Mapped[RencanaPembinaan] = relationship(back_populates="dialog")
