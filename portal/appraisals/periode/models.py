"""A performance year of a pemda and its periods (Triwulan I–IV and the annual period), each
with the deadline for its evaluations."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.deferred import N_, later
from portal.core.models import DomainError, TimestampMixin, enum_column
from portal.extensions import db
from portal.org.models import Pemda

# --- performance year and periods ----------------------------------------------------------------

class JenisPeriode(enum.StrEnum):
    TRIWULAN_1 = "triwulan_1"
    TRIWULAN_2 = "triwulan_2"
    TRIWULAN_3 = "triwulan_3"
    TRIWULAN_4 = "triwulan_4"
    #: the annual rating, after Triwulan IV
    TAHUNAN = "tahunan"


#: the msgids of the period names, kept so a notification can name a period in its reader's
#: language (``Periode.label_later``)
JENIS_PERIODE_MSGID = {
    JenisPeriode.TRIWULAN_1: N_("Triwulan I"),
    JenisPeriode.TRIWULAN_2: N_("Triwulan II"),
    JenisPeriode.TRIWULAN_3: N_("Triwulan III"),
    JenisPeriode.TRIWULAN_4: N_("Triwulan IV"),
    JenisPeriode.TAHUNAN: N_("Tahunan"),
}
JENIS_PERIODE_LABEL = {jenis: _l(msgid) for jenis, msgid in JENIS_PERIODE_MSGID.items()}


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

    def label_later(self) -> dict:
        """``label`` as a message translated when shown (stored in notifications)."""
        return later(N_("%(periode)s %(tahun)s"), periode=later(JENIS_PERIODE_MSGID[self.jenis]),
                     tahun=str(self.tahun_kinerja.tahun))

    @property
    def jenis_label(self) -> str:
        return str(JENIS_PERIODE_LABEL[self.jenis])

    def require_open(self) -> None:
        if self.ditutup:
            raise DomainError(_("Periode %(periode)s sudah ditutup; tidak menerima isian baru.",
                                periode=self.label))

    def __repr__(self) -> str:
        return f"<Periode {self.tahun_kinerja_id} {self.jenis}>"
