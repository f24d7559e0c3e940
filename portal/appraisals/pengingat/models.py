"""The record of deadline reminders already sent (``PengingatBatas``), so none is sent twice."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db

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
