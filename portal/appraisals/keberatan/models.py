"""The pegawai's objection to a final rating (``Keberatan``) and its decision."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.evaluasi.models import (
    PREDIKAT_LABEL,
    RATING_LABEL,
    Evaluasi,
    Predikat,
    Rating,
)
from portal.core.models import TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Pegawai

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
