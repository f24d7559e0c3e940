"""Around a periodic evaluation: peer feedback asked by the pejabat penilai from colleagues
(``PermintaanUmpanBalik``), the pegawai's objection to a final rating (``Keberatan``), the
organisation predikat of an OPD that the calibration rule reads (``PredikatOrganisasi``), and
the record of deadline reminders already sent (``PengingatBatas``)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.models import (
    PREDIKAT_LABEL,
    RATING_LABEL,
    Evaluasi,
    NilaiBerakhlak,
    Predikat,
    Rating,
)
from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai

# --- peer feedback -------------------------------------------------------------------------------


class StatusUmpanBalik(enum.StrEnum):
    DIMINTA = "diminta"
    DIJAWAB = "dijawab"
    DITOLAK = "ditolak"


STATUS_UMPAN_BALIK_LABEL = {
    StatusUmpanBalik.DIMINTA: _l("Menunggu jawaban"),
    StatusUmpanBalik.DIJAWAB: _l("Sudah dijawab"),
    StatusUmpanBalik.DITOLAK: _l("Ditolak"),
}

UMPAN_BALIK_TRANSITIONS = {
    StatusUmpanBalik.DIMINTA: frozenset({StatusUmpanBalik.DIJAWAB, StatusUmpanBalik.DITOLAK}),
    StatusUmpanBalik.DIJAWAB: frozenset(),
    StatusUmpanBalik.DITOLAK: frozenset(),
}


class PermintaanUmpanBalik(TimestampMixin, db.Model):
    """The pejabat penilai asks one colleague (rekan) for feedback on one evaluation; the
    colleague answers per BerAKHLAK value with a free comment, or declines."""

    __tablename__ = "umpan_balik_rekan"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"),
                                             index=True)
    #: the colleague asked
    rekan_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    #: the pejabat penilai who asked
    peminta_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    status: Mapped[StatusUmpanBalik] = mapped_column(
        enum_column(StatusUmpanBalik, 10, name="appr_status_umpan_balik_rekan"),
        default=StatusUmpanBalik.DIMINTA)
    #: the colleague's free comment; shown to the pegawai without the colleague's name
    komentar: Mapped[str] = mapped_column(sa.Text, default="")
    #: why the colleague declined (seen by the pejabat penilai only)
    alasan_tolak: Mapped[str | None] = mapped_column(sa.Text)
    dijawab_at: Mapped[datetime | None]

    evaluasi: Mapped[Evaluasi] = relationship()
    rekan: Mapped[Pegawai] = relationship(foreign_keys=[rekan_id])
    peminta: Mapped[Pegawai] = relationship(foreign_keys=[peminta_id])
    nilai: Mapped[list[NilaiUmpanBalikRekan]] = relationship(
        back_populates="permintaan", cascade="all, delete-orphan",
        order_by="NilaiUmpanBalikRekan.id")

    __table_args__ = (
        sa.UniqueConstraint("evaluasi_id", "rekan_id"),
        sa.Index("ix_umpan_balik_rekan_inbox", "rekan_id", "status"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_UMPAN_BALIK_LABEL[self.status])

    def rating_for(self, nilai: NilaiBerakhlak) -> Rating | None:
        return next((n.rating for n in self.nilai if n.nilai == nilai), None)

    def move_to(self, new: StatusUmpanBalik) -> StatusUmpanBalik:
        old = self.status
        if new not in UMPAN_BALIK_TRANSITIONS[old]:
            raise DomainError(_("Permintaan ini sudah %(status)s; tidak dapat diubah lagi.",
                                status=STATUS_UMPAN_BALIK_LABEL[old]))
        self.status = new
        return old


class NilaiUmpanBalikRekan(db.Model):
    """A colleague's view of one BerAKHLAK value: di atas / sesuai / di bawah ekspektasi."""

    __tablename__ = "umpan_balik_rekan_nilai"

    id: Mapped[int] = mapped_column(primary_key=True)
    permintaan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("umpan_balik_rekan.id", ondelete="CASCADE"))
    nilai: Mapped[NilaiBerakhlak] = mapped_column(
        enum_column(NilaiBerakhlak, 24, name="appr_rekan_nilai"))
    rating: Mapped[Rating] = mapped_column(enum_column(Rating, 10, name="appr_rekan_rating"))

    permintaan: Mapped[PermintaanUmpanBalik] = relationship(back_populates="nilai")

    __table_args__ = (sa.UniqueConstraint("permintaan_id", "nilai"),)


# --- keberatan -----------------------------------------------------------------------------------


class StatusKeberatan(enum.StrEnum):
    DIAJUKAN = "diajukan"
    DIPUTUS = "diputus"


STATUS_KEBERATAN_LABEL = {
    StatusKeberatan.DIAJUKAN: _l("Menunggu keputusan"),
    StatusKeberatan.DIPUTUS: _l("Sudah diputus"),
}


class PutusanKeberatan(enum.StrEnum):
    #: the predikat stands
    TETAP = "tetap"
    #: the ratings, and so the predikat, are changed
    DIUBAH = "diubah"


PUTUSAN_LABEL = {
    PutusanKeberatan.TETAP: _l("Predikat tetap"),
    PutusanKeberatan.DIUBAH: _l("Rating diubah"),
}


class Keberatan(TimestampMixin, db.Model):
    """The pegawai's objection to the ratings of a final evaluation, decided by the atasan of
    the pejabat penilai. One per evaluation; what was rated before is kept next to the decision."""

    __tablename__ = "keberatan"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"),
                                             unique=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    #: the atasan of the pejabat penilai when the objection was filed: the one who decides
    pemutus_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    status: Mapped[StatusKeberatan] = mapped_column(
        enum_column(StatusKeberatan, 10, name="appr_status_keberatan"),
        default=StatusKeberatan.DIAJUKAN)
    alasan: Mapped[str] = mapped_column(sa.Text)
    diajukan_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the ratings objected to
    rating_hasil_awal: Mapped[Rating] = mapped_column(
        enum_column(Rating, 10, name="appr_keberatan_hasil_awal"))
    rating_perilaku_awal: Mapped[Rating] = mapped_column(
        enum_column(Rating, 10, name="appr_keberatan_perilaku_awal"))
    predikat_awal: Mapped[Predikat] = mapped_column(
        enum_column(Predikat, 20, name="appr_keberatan_predikat_awal"))
    # the decision
    putusan: Mapped[PutusanKeberatan | None] = mapped_column(
        enum_column(PutusanKeberatan, 10, name="appr_keberatan_putusan"))
    alasan_putusan: Mapped[str | None] = mapped_column(sa.Text)
    rating_hasil_akhir: Mapped[Rating | None] = mapped_column(
        enum_column(Rating, 10, name="appr_keberatan_hasil_akhir"))
    rating_perilaku_akhir: Mapped[Rating | None] = mapped_column(
        enum_column(Rating, 10, name="appr_keberatan_perilaku_akhir"))
    predikat_akhir: Mapped[Predikat | None] = mapped_column(
        enum_column(Predikat, 20, name="appr_keberatan_predikat_akhir"))
    diputus_at: Mapped[datetime | None]

    evaluasi: Mapped[Evaluasi] = relationship()
    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    pemutus: Mapped[Pegawai] = relationship(foreign_keys=[pemutus_id])

    @property
    def status_label(self) -> str:
        return str(STATUS_KEBERATAN_LABEL[self.status])

    @property
    def putusan_label(self) -> str | None:
        return str(PUTUSAN_LABEL[self.putusan]) if self.putusan else None

    @property
    def predikat_awal_label(self) -> str:
        return str(PREDIKAT_LABEL[self.predikat_awal])

    @property
    def predikat_akhir_label(self) -> str | None:
        return str(PREDIKAT_LABEL[self.predikat_akhir]) if self.predikat_akhir else None

    @staticmethod
    def rating_label(rating: Rating | None) -> str:
        return str(RATING_LABEL[rating]) if rating else "—"


# --- organisation predikat and calibration ------------------------------------------------------


class PredikatOrganisasiNilai(enum.StrEnum):
    """An OPD's own predikat kinerja organisasi (DOMAIN.md "organisation calibration")."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_ORGANISASI_LABEL = {
    PredikatOrganisasiNilai.ISTIMEWA: _l("Istimewa"),
    PredikatOrganisasiNilai.BAIK: _l("Baik"),
    PredikatOrganisasiNilai.BUTUH_PERBAIKAN: _l("Butuh Perbaikan"),
    PredikatOrganisasiNilai.KURANG: _l("Kurang"),
    PredikatOrganisasiNilai.SANGAT_KURANG: _l("Sangat Kurang"),
}


class PredikatOrganisasi(TimestampMixin, db.Model):
    """The organisation predikat of an OPD, set by its admin pemda; the calibration rule for the
    distribution of its staff's predikat depends on it."""

    __tablename__ = "predikat_organisasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), unique=True)
    predikat: Mapped[PredikatOrganisasiNilai] = mapped_column(
        enum_column(PredikatOrganisasiNilai, 20, name="appr_predikat_organisasi"))
    diubah_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    opd: Mapped[Opd] = relationship()

    @property
    def label(self) -> str:
        return str(PREDIKAT_ORGANISASI_LABEL[self.predikat])


# --- deadline reminders ---------------------------------------------------------------------------


class PengingatBatas(db.Model):
    """A "deadline near" reminder sent to a pegawai for one item (their SKP of a year, or their
    evaluation of a period), so the daily run never sends it twice."""

    __tablename__ = "pengingat_batas"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    #: "skp:<tahun_kinerja id>" or "evaluasi:<periode id>"
    kunci: Mapped[str] = mapped_column(sa.String(40))
    #: the deadline reminded of
    batas: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("pegawai_id", "kunci"),)
