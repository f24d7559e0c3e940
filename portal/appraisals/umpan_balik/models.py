"""Peer feedback asked by the pejabat penilai from colleagues (``PermintaanUmpanBalik``) and each
colleague's rating per BerAKHLAK value, with the legal state changes of a request."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.evaluasi.models import (
    Evaluasi,
    Rating,
)
from portal.appraisals.skp.models import NilaiBerakhlak
from portal.core.models import DomainError, TimestampMixin, enum_column
from portal.extensions import db
from portal.org.models import Pegawai

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
