"""The SKP (one per pegawai per year, in versions) with its RHK, their indicators and the
BerAKHLAK expectations. The legal status changes live here (``SKP_TRANSITIONS``); ``move_to``
refuses any other, so no view can skip the flow of DOMAIN.md."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.periode.models import TahunKinerja
from portal.core.models import DomainError, TimestampMixin, enum_column
from portal.extensions import db
from portal.org.models import Pegawai

# --- SKP -----------------------------------------------------------------------------------------

class StatusSkp(enum.StrEnum):
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    DIKEMBALIKAN = "dikembalikan"
    #: ditetapkan by the pejabat penilai; locked
    DISETUJUI = "disetujui"
    #: an older version, replaced by a newer set version
    DIGANTI = "diganti"


STATUS_SKP_LABEL = {
    StatusSkp.DRAF: _l("Draf"),
    StatusSkp.DIAJUKAN: _l("Diajukan"),
    StatusSkp.DIKEMBALIKAN: _l("Dikembalikan"),
    StatusSkp.DISETUJUI: _l("Ditetapkan"),
    StatusSkp.DIGANTI: _l("Diganti versi baru"),
}


SS = StatusSkp


SKP_TRANSITIONS: dict[StatusSkp, frozenset[StatusSkp]] = {
    SS.DRAF: frozenset({SS.DIAJUKAN}),
    SS.DIAJUKAN: frozenset({SS.DISETUJUI, SS.DIKEMBALIKAN}),
    SS.DIKEMBALIKAN: frozenset({SS.DRAF, SS.DIAJUKAN}),
    SS.DISETUJUI: frozenset({SS.DIGANTI}),
    SS.DIGANTI: frozenset(),
}


#: the pegawai may change the SKP only in these states
SKP_EDITABLE = frozenset({SS.DRAF, SS.DIKEMBALIKAN})


class JenisRhk(enum.StrEnum):
    UTAMA = "utama"
    TAMBAHAN = "tambahan"


JENIS_RHK_LABEL = {JenisRhk.UTAMA: _l("Utama"), JenisRhk.TAMBAHAN: _l("Tambahan")}


class AspekIndikator(enum.StrEnum):
    KUANTITAS = "kuantitas"
    KUALITAS = "kualitas"
    WAKTU = "waktu"
    BIAYA = "biaya"


ASPEK_LABEL = {
    AspekIndikator.KUANTITAS: _l("Kuantitas"),
    AspekIndikator.KUALITAS: _l("Kualitas"),
    AspekIndikator.WAKTU: _l("Waktu"),
    AspekIndikator.BIAYA: _l("Biaya"),
}


class NilaiBerakhlak(enum.StrEnum):
    """The seven core values of the ASN (perilaku kerja), in their official order."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan"
    AKUNTABEL = "akuntabel"
    KOMPETEN = "kompeten"
    HARMONIS = "harmonis"
    LOYAL = "loyal"
    ADAPTIF = "adaptif"
    KOLABORATIF = "kolaboratif"


BERAKHLAK_LABEL = {
    NilaiBerakhlak.BERORIENTASI_PELAYANAN: _l("Berorientasi Pelayanan"),
    NilaiBerakhlak.AKUNTABEL: _l("Akuntabel"),
    NilaiBerakhlak.KOMPETEN: _l("Kompeten"),
    NilaiBerakhlak.HARMONIS: _l("Harmonis"),
    NilaiBerakhlak.LOYAL: _l("Loyal"),
    NilaiBerakhlak.ADAPTIF: _l("Adaptif"),
    NilaiBerakhlak.KOLABORATIF: _l("Kolaboratif"),
}


BERAKHLAK_ORDER = {nilai: i for i, nilai in enumerate(NilaiBerakhlak)}


class Skp(TimestampMixin, db.Model):
    """Sasaran Kinerja Pegawai: one per pegawai per year; a revision of a set SKP is a new row
    with the next ``versi``, and the older one becomes ``diganti`` once the new one is set."""

    __tablename__ = "skp"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    tahun_kinerja_id: Mapped[int] = mapped_column(sa.ForeignKey("tahun_kinerja.id"), index=True)
    #: 1 for the first plan of the year; each revision of a set SKP adds one
    versi: Mapped[int] = mapped_column(default=1)
    #: the version this one revises
    sebelumnya_id: Mapped[int | None] = mapped_column(sa.ForeignKey("skp.id"))
    status: Mapped[StatusSkp] = mapped_column(enum_column(StatusSkp, 16, name="appr_status_skp"),
                                              default=StatusSkp.DRAF)
    #: bumped on every change; a form built from an older number is refused
    revisi: Mapped[int] = mapped_column(default=1)
    # lampiran (free text)
    dukungan_sumber_daya: Mapped[str] = mapped_column(sa.Text, default="")
    skema_pertanggungjawaban: Mapped[str] = mapped_column(sa.Text, default="")
    konsekuensi: Mapped[str] = mapped_column(sa.Text, default="")
    #: the pejabat penilai's reason when returned; cleared when resubmitted
    alasan_dikembalikan: Mapped[str | None] = mapped_column(sa.Text)
    #: the plan as it was when last returned, to show what changed on resubmission
    snapshot_dikembalikan: Mapped[dict | None] = mapped_column(sa.JSON(none_as_null=True))
    diajukan_at: Mapped[datetime | None]
    ditetapkan_at: Mapped[datetime | None]
    #: the pejabat penilai who set it (the atasan at that moment)
    penilai_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pegawai.id"))

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    tahun_kinerja: Mapped[TahunKinerja] = relationship()
    sebelumnya: Mapped[Skp | None] = relationship(remote_side=[id])
    rhk: Mapped[list[Rhk]] = relationship(back_populates="skp", cascade="all, delete-orphan",
                                          order_by="(Rhk.urutan, Rhk.id)")
    ekspektasi: Mapped[list[EkspektasiPerilaku]] = relationship(
        back_populates="skp", cascade="all, delete-orphan", order_by="EkspektasiPerilaku.urutan")

    __table_args__ = (
        sa.UniqueConstraint("pegawai_id", "tahun_kinerja_id", "versi"),
        sa.Index("ix_skp_pegawai_status", "pegawai_id", "status"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_SKP_LABEL[self.status])

    @property
    def editable(self) -> bool:
        return self.status in SKP_EDITABLE

    @property
    def rhk_utama(self) -> list[Rhk]:
        return [r for r in self.rhk if r.jenis == JenisRhk.UTAMA]

    @property
    def rhk_tambahan(self) -> list[Rhk]:
        return [r for r in self.rhk if r.jenis == JenisRhk.TAMBAHAN]

    def move_to(self, new: StatusSkp) -> StatusSkp:
        """Change the status along a legal edge; returns the old status (for the audit)."""
        old = self.status
        if new not in SKP_TRANSITIONS[old]:
            raise DomainError(_("SKP berstatus %(dari)s tidak dapat diubah menjadi %(ke)s.",
                                dari=STATUS_SKP_LABEL[old], ke=STATUS_SKP_LABEL[new]))
        self.status = new
        self.revisi += 1
        return old

    def require_editable(self) -> None:
        if not self.editable:
            raise DomainError(_("SKP berstatus %(status)s tidak dapat diubah.",
                                status=self.status_label))

    def __repr__(self) -> str:
        return f"<Skp {self.pegawai_id} {self.tahun_kinerja_id} v{self.versi}>"


class Rhk(db.Model):
    """Rencana Hasil Kerja: a row of the SKP, tied to the supervisor's RHK it supports."""

    __tablename__ = "rhk"

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(sa.ForeignKey("skp.id", ondelete="CASCADE"), index=True)
    jenis: Mapped[JenisRhk] = mapped_column(enum_column(JenisRhk, 10, name="appr_jenis_rhk"))
    urutan: Mapped[int] = mapped_column(default=0)
    uraian: Mapped[str] = mapped_column(sa.Text)
    #: "RHK atasan yang diintervensi": a row of the atasan's set SKP; empty at the top of the tree
    rhk_atasan_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("rhk.id", ondelete="SET NULL"), index=True)
    #: the pejabat penilai's comment on this row when the SKP was returned; cleared when set
    catatan_perbaikan: Mapped[str | None] = mapped_column(sa.Text)
    #: bumped on every change of the row or its indicators (the row is edited as one piece)
    revisi: Mapped[int] = mapped_column(default=1)
    #: the row of the previous SKP version this one was copied from (to show what changed)
    asal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("rhk.id", ondelete="SET NULL"))

    skp: Mapped[Skp] = relationship(back_populates="rhk")
    rhk_atasan: Mapped[Rhk | None] = relationship(remote_side=[id], foreign_keys=[rhk_atasan_id])
    indikator: Mapped[list[IndikatorKinerja]] = relationship(
        back_populates="rhk", cascade="all, delete-orphan",
        order_by="(IndikatorKinerja.urutan, IndikatorKinerja.id)")

    @property
    def jenis_label(self) -> str:
        return str(JENIS_RHK_LABEL[self.jenis])


class IndikatorKinerja(db.Model):
    """Indikator Kinerja Individu of an RHK: an aspek and a target (number + unit, or text)."""

    __tablename__ = "indikator_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_id: Mapped[int] = mapped_column(sa.ForeignKey("rhk.id", ondelete="CASCADE"), index=True)
    urutan: Mapped[int] = mapped_column(default=0)
    uraian: Mapped[str] = mapped_column(sa.Text)
    aspek: Mapped[AspekIndikator] = mapped_column(
        enum_column(AspekIndikator, 10, name="appr_aspek_indikator"))
    target_angka: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    target_satuan: Mapped[str | None] = mapped_column(sa.String(60))
    #: a target said in words ("tanpa temuan BPK"), instead of a number
    target_teks: Mapped[str | None] = mapped_column(sa.String(300))

    rhk: Mapped[Rhk] = relationship(back_populates="indikator")

    __table_args__ = (
        sa.CheckConstraint("target_angka IS NOT NULL OR target_teks IS NOT NULL",
                           name="appr_indikator_ada_target"),
    )

    @property
    def aspek_label(self) -> str:
        return str(ASPEK_LABEL[self.aspek])


class EkspektasiPerilaku(db.Model):
    """One of the seven BerAKHLAK values on an SKP, with the leader's specific expectation."""

    __tablename__ = "ekspektasi_perilaku"

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(sa.ForeignKey("skp.id", ondelete="CASCADE"), index=True)
    nilai: Mapped[NilaiBerakhlak] = mapped_column(
        enum_column(NilaiBerakhlak, 24, name="appr_nilai_berakhlak"))
    urutan: Mapped[int] = mapped_column(default=0)
    #: "ekspektasi khusus pimpinan", optional
    ekspektasi_khusus: Mapped[str] = mapped_column(sa.Text, default="")

    skp: Mapped[Skp] = relationship(back_populates="ekspektasi")

    __table_args__ = (sa.UniqueConstraint("skp_id", "nilai"),)

    @property
    def label(self) -> str:
        return str(BERAKHLAK_LABEL[self.nilai])
