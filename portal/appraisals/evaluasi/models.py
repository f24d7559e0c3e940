"""The periodic evaluation (one per pegawai per period) with its realisasi per indicator, bukti
dukung and the supervisor's feedback; the ratings and the predikat. The legal status changes
live here (``EVALUASI_TRANSITIONS``); ``move_to`` refuses any other."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.periode.models import Periode
from portal.appraisals.skp.models import BERAKHLAK_LABEL, IndikatorKinerja, NilaiBerakhlak, Skp
from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Pegawai

# --- periodic evaluation -------------------------------------------------------------------------

class StatusEvaluasi(enum.StrEnum):
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    DIKEMBALIKAN = "dikembalikan"
    #: final, locked
    DISETUJUI = "disetujui"


STATUS_EVALUASI_LABEL = {
    StatusEvaluasi.DRAF: _l("Draf"),
    StatusEvaluasi.DIAJUKAN: _l("Diajukan"),
    StatusEvaluasi.DIKEMBALIKAN: _l("Dikembalikan"),
    StatusEvaluasi.DISETUJUI: _l("Disetujui"),
}


SE = StatusEvaluasi


EVALUASI_TRANSITIONS: dict[StatusEvaluasi, frozenset[StatusEvaluasi]] = {
    SE.DRAF: frozenset({SE.DIAJUKAN}),
    SE.DIAJUKAN: frozenset({SE.DISETUJUI, SE.DIKEMBALIKAN}),
    SE.DIKEMBALIKAN: frozenset({SE.DRAF, SE.DIAJUKAN}),
    SE.DISETUJUI: frozenset(),
}


EVALUASI_EDITABLE = frozenset({SE.DRAF, SE.DIKEMBALIKAN})


class Rating(enum.StrEnum):
    """The pejabat penilai's rating of hasil kerja and of perilaku kerja."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


RATING_LABEL = {
    Rating.DI_ATAS: _l("Di Atas Ekspektasi"),
    Rating.SESUAI: _l("Sesuai Ekspektasi"),
    Rating.DI_BAWAH: _l("Di Bawah Ekspektasi"),
}


class Predikat(enum.StrEnum):
    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_LABEL = {
    Predikat.SANGAT_BAIK: _l("Sangat Baik"),
    Predikat.BAIK: _l("Baik"),
    Predikat.BUTUH_PERBAIKAN: _l("Butuh Perbaikan"),
    Predikat.KURANG: _l("Kurang/Misconduct"),
    Predikat.SANGAT_KURANG: _l("Sangat Kurang"),
}


class Evaluasi(TimestampMixin, db.Model):
    """The periodic evaluation of one pegawai for one period, against their set SKP."""

    __tablename__ = "evaluasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    periode_id: Mapped[int] = mapped_column(sa.ForeignKey("periode.id"), index=True)
    #: the set SKP version the realisasi are reported against
    skp_id: Mapped[int] = mapped_column(sa.ForeignKey("skp.id"), index=True)
    status: Mapped[StatusEvaluasi] = mapped_column(
        enum_column(StatusEvaluasi, 16, name="appr_status_evaluasi"), default=StatusEvaluasi.DRAF)
    #: bumped on every change; a form built from an older number is refused
    revisi: Mapped[int] = mapped_column(default=1)
    #: the pegawai's short self-assessment
    penilaian_diri: Mapped[str] = mapped_column(sa.Text, default="")
    rating_hasil: Mapped[Rating | None] = mapped_column(
        enum_column(Rating, 10, name="appr_rating_hasil"))
    rating_perilaku: Mapped[Rating | None] = mapped_column(
        enum_column(Rating, 10, name="appr_rating_perilaku"))
    #: from the two ratings by the matrix in force at approval; kept, so a later change of the
    #: matrix setting does not rewrite past ratings
    predikat: Mapped[Predikat | None] = mapped_column(
        enum_column(Predikat, 20, name="appr_predikat"), index=True)
    #: the pejabat penilai's overall comment when returning it
    catatan_dikembalikan: Mapped[str | None] = mapped_column(sa.Text)
    #: what the pegawai had entered when it was returned, to show what changed on resubmission
    snapshot_dikembalikan: Mapped[dict | None] = mapped_column(sa.JSON(none_as_null=True))
    diajukan_at: Mapped[datetime | None]
    disetujui_at: Mapped[datetime | None]
    #: the pejabat penilai who rated it (the atasan at that moment)
    penilai_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pegawai.id"))

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    periode: Mapped[Periode] = relationship()
    skp: Mapped[Skp] = relationship()
    realisasi: Mapped[list[RealisasiIndikator]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="RealisasiIndikator.id")
    bukti: Mapped[list[BuktiDukung]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="BuktiDukung.id")
    umpan_balik_rhk: Mapped[list[UmpanBalikRhk]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan", order_by="UmpanBalikRhk.id")
    umpan_balik_perilaku: Mapped[list[UmpanBalikPerilaku]] = relationship(
        back_populates="evaluasi", cascade="all, delete-orphan",
        order_by="UmpanBalikPerilaku.id")

    __table_args__ = (
        sa.UniqueConstraint("pegawai_id", "periode_id"),
        sa.Index("ix_evaluasi_pegawai_status", "pegawai_id", "status"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_EVALUASI_LABEL[self.status])

    @property
    def editable(self) -> bool:
        return self.status in EVALUASI_EDITABLE

    @property
    def predikat_label(self) -> str | None:
        return str(PREDIKAT_LABEL[self.predikat]) if self.predikat else None

    def move_to(self, new: StatusEvaluasi) -> StatusEvaluasi:
        old = self.status
        if new not in EVALUASI_TRANSITIONS[old]:
            raise DomainError(_("Evaluasi berstatus %(dari)s tidak dapat diubah menjadi %(ke)s.",
                                dari=STATUS_EVALUASI_LABEL[old], ke=STATUS_EVALUASI_LABEL[new]))
        self.status = new
        self.revisi += 1
        return old

    def require_editable(self) -> None:
        if not self.editable:
            raise DomainError(_("Evaluasi berstatus %(status)s tidak dapat diubah.",
                                status=self.status_label))

    def realisasi_for(self, indikator_id: int) -> RealisasiIndikator | None:
        return next((r for r in self.realisasi if r.indikator_id == indikator_id), None)

    def __repr__(self) -> str:
        return f"<Evaluasi {self.pegawai_id} {self.periode_id}>"


class RealisasiIndikator(db.Model):
    """What the pegawai achieved on one indicator in the period."""

    __tablename__ = "realisasi_indikator"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"))
    indikator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indikator_kinerja.id", ondelete="CASCADE"), index=True)
    realisasi: Mapped[str] = mapped_column(sa.Text, default="")
    #: the pejabat penilai's comment on what to fix, when the evaluation was returned
    catatan_perbaikan: Mapped[str | None] = mapped_column(sa.Text)

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="realisasi")
    indikator: Mapped[IndikatorKinerja] = relationship()

    __table_args__ = (sa.UniqueConstraint("evaluasi_id", "indikator_id"),)


class JenisBukti(enum.StrEnum):
    BERKAS = "berkas"
    TAUTAN = "tautan"


class BuktiDukung(db.Model):
    """Evidence for one indicator's realisasi: a file checked by content and stored under a
    random name outside the web root, or a link."""

    __tablename__ = "bukti_dukung"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"),
                                             index=True)
    indikator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("indikator_kinerja.id", ondelete="SET NULL"))
    jenis: Mapped[JenisBukti] = mapped_column(enum_column(JenisBukti, 8, name="appr_jenis_bukti"))
    #: a file's cleaned original name, or the link's label; shown, never used as a path
    nama: Mapped[str] = mapped_column(sa.String(200))
    tautan: Mapped[str | None] = mapped_column(sa.String(500))
    #: detected from the content
    jenis_mime: Mapped[str | None] = mapped_column(sa.String(100))
    ukuran: Mapped[int | None]
    #: random file name under PORTAL_UPLOAD_DIR/bukti/
    kunci_simpan: Mapped[str | None] = mapped_column(sa.String(80), unique=True)
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="bukti")
    indikator: Mapped[IndikatorKinerja | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("(jenis = 'berkas' AND kunci_simpan IS NOT NULL AND tautan IS NULL) "
                           "OR (jenis = 'tautan' AND tautan IS NOT NULL AND kunci_simpan IS NULL)",
                           name="appr_bukti_berkas_atau_tautan"),
    )


class UmpanBalikRhk(db.Model):
    """The pejabat penilai's feedback on one RHK in one evaluation."""

    __tablename__ = "umpan_balik_rhk"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"))
    rhk_id: Mapped[int] = mapped_column(sa.ForeignKey("rhk.id", ondelete="CASCADE"), index=True)
    isi: Mapped[str] = mapped_column(sa.Text, default="")

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="umpan_balik_rhk")

    __table_args__ = (sa.UniqueConstraint("evaluasi_id", "rhk_id"),)


class UmpanBalikPerilaku(db.Model):
    """The pejabat penilai's feedback on one BerAKHLAK value in one evaluation."""

    __tablename__ = "umpan_balik_perilaku"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id", ondelete="CASCADE"))
    nilai: Mapped[NilaiBerakhlak] = mapped_column(
        enum_column(NilaiBerakhlak, 24, name="appr_nilai_umpan_balik"))
    isi: Mapped[str] = mapped_column(sa.Text, default="")

    evaluasi: Mapped[Evaluasi] = relationship(back_populates="umpan_balik_perilaku")

    __table_args__ = (sa.UniqueConstraint("evaluasi_id", "nilai"),)

    @property
    def label(self) -> str:
        return str(BERAKHLAK_LABEL[self.nilai])
