"""The organisation predikat of an OPD, set by the admin pemda, which the calibration rule reads."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, enum_column
from portal.extensions import db
from portal.org.models import Opd

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
