"""The appraisal domain: a performance year of a pemda with its periods, the SKP (one per pegawai
per year, in versions), and the periodic evaluation (one per pegawai per period).

The legal status changes live here (``SKP_TRANSITIONS``, ``EVALUASI_TRANSITIONS``); ``move_to``
refuses any other, so no view can skip the flow of DOMAIN.md. Every editable object carries
``revisi``, a counter bumped on each change: a form sends the number it was built from, and a
change based on an older number is refused (see ``check_revisi``)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Pegawai, Pemda


class StaleForm(DomainError):
    """The form was built from an older state of the item: someone changed it meanwhile."""


def check_revisi(obj, revisi: int | None) -> None:
    """Refuse a change made from a form of an older revision (``None``: not from a form)."""
    if revisi is not None and revisi != obj.revisi:
        raise StaleForm(_("Data ini sudah diubah orang lain (atau di tab lain) sejak formulir "
                          "Anda dibuka. Isian Anda masih ada di layar: periksa perubahan "
                          "terbaru, lalu kirim lagi."))


# --- performance year and periods ----------------------------------------------------------------

class JenisPeriode(enum.StrEnum):
    TRIWULAN_1 = "triwulan_1"
    TRIWULAN_2 = "triwulan_2"
    TRIWULAN_3 = "triwulan_3"
    TRIWULAN_4 = "triwulan_4"
    #: the annual rating, after Triwulan IV
    TAHUNAN = "tahunan"


JENIS_PERIODE_LABEL = {
    JenisPeriode.TRIWULAN_1: _l("Triwulan I"),
    JenisPeriode.TRIWULAN_2: _l("Triwulan II"),
    JenisPeriode.TRIWULAN_3: _l("Triwulan III"),
    JenisPeriode.TRIWULAN_4: _l("Triwulan IV"),
    JenisPeriode.TAHUNAN: _l("Tahunan"),
}


class TahunKinerja(TimestampMixin, db.Model):
    """A performance year of one pemda, opened by its admin pemda."""

    __tablename__ = "tahun_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    pemda_id: Mapped[int] = mapped_column(sa.ForeignKey("pemda.id"), index=True)
    tahun: Mapped[int]
    #: last day to have the SKP set (DOMAIN.md: end of January, a setting)
    batas_skp: Mapped[date]

    pemda: Mapped[Pemda] = relationship()
    periode: Mapped[list[Periode]] = relationship(back_populates="tahun_kinerja",
                                                  order_by="Periode.urutan",
                                                  cascade="all, delete-orphan")

    __table_args__ = (sa.UniqueConstraint("pemda_id", "tahun"),)

    def __repr__(self) -> str:
        return f"<TahunKinerja {self.pemda_id} {self.tahun}>"


class Periode(TimestampMixin, db.Model):
    """A periodic evaluation window: Triwulan I–IV or the annual rating."""

    __tablename__ = "periode"

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun_kinerja_id: Mapped[int] = mapped_column(sa.ForeignKey("tahun_kinerja.id"), index=True)
    jenis: Mapped[JenisPeriode] = mapped_column(enum_column(JenisPeriode, 16,
                                                            name="appr_jenis_periode"))
    #: 1–5, the order in the year
    urutan: Mapped[int]
    mulai: Mapped[date]
    selesai: Mapped[date]
    #: last day (WIB) to submit the evaluation of this period
    batas: Mapped[date]
    #: a closed period accepts nothing new from the pegawai
    ditutup: Mapped[bool] = mapped_column(default=False)
    ditutup_at: Mapped[datetime | None]

    tahun_kinerja: Mapped[TahunKinerja] = relationship(back_populates="periode")

    __table_args__ = (sa.UniqueConstraint("tahun_kinerja_id", "jenis"),)

    @property
    def tahun(self) -> int:
        return self.tahun_kinerja.tahun

    @property
    def label(self) -> str:
        return _("%(periode)s %(tahun)s", periode=JENIS_PERIODE_LABEL[self.jenis],
                 tahun=self.tahun_kinerja.tahun)

    @property
    def jenis_label(self) -> str:
        return str(JENIS_PERIODE_LABEL[self.jenis])

    def require_open(self) -> None:
        if self.ditutup:
            raise DomainError(_("Periode %(periode)s sudah ditutup; tidak menerima isian baru.",
                                periode=self.label))

    def __repr__(self) -> str:
        return f"<Periode {self.tahun_kinerja_id} {self.jenis}>"


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
