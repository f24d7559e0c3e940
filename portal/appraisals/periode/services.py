"""What the admin pemda does with performance years and periods: open a year with its periods and
default deadlines, move a deadline, close and reopen a period. Each function checks the rule,
changes the objects, writes the audit entry and flushes; the view commits."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals.access import is_admin_pemda_of
from portal.appraisals.periode.models import JenisPeriode, Periode, TahunKinerja
from portal.appraisals.settings import setting
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.org.models import Pemda

# --- performance years and periods ---------------------------------------------------------------

QUARTERS = (JenisPeriode.TRIWULAN_1, JenisPeriode.TRIWULAN_2, JenisPeriode.TRIWULAN_3,
            JenisPeriode.TRIWULAN_4)


def period_dates(tahun: int, jenis: JenisPeriode) -> tuple[date, date]:
    if jenis == JenisPeriode.TAHUNAN:
        return date(tahun, 1, 1), date(tahun, 12, 31)
    quarter = QUARTERS.index(jenis)
    first_month = quarter * 3 + 1
    last_month = first_month + 2
    return (date(tahun, first_month, 1),
            date(tahun, last_month, calendar.monthrange(tahun, last_month)[1]))


def default_deadlines(tahun: int) -> dict[JenisPeriode, date]:
    """Suggested deadlines: some days after each quarter ends; the annual one with Triwulan IV's
    plus the same again."""
    days = int(setting("PORTAL_PERIOD_DUE_DAYS"))
    out = {jenis: period_dates(tahun, jenis)[1] + timedelta(days=days) for jenis in QUARTERS}
    out[JenisPeriode.TAHUNAN] = out[JenisPeriode.TRIWULAN_4] + timedelta(days=days)
    return out


def default_skp_due(tahun: int) -> date:
    month, day = (int(part) for part in str(setting("PORTAL_SKP_DUE_MONTH_DAY")).split("-"))
    return date(tahun, month, day)


def open_year(actor, pemda: Pemda, tahun: int, batas: Mapping[JenisPeriode, date],
              batas_skp: date | None = None) -> TahunKinerja:
    """Admin pemda opens a year: Triwulan I–IV and the annual period, each with a deadline."""
    if not is_admin_pemda_of(actor, pemda.id):
        raise DomainError(_("Hanya admin pemda yang dapat membuka tahun kinerja."))
    if not 2000 <= tahun <= 2100:
        raise DomainError(_("Tahun tidak masuk akal."), "tahun")
    exists = db.session.scalar(sa.select(TahunKinerja.id).where(
        TahunKinerja.pemda_id == pemda.id, TahunKinerja.tahun == tahun))
    if exists:
        raise DomainError(_("Tahun kinerja %(tahun)s sudah dibuka.", tahun=tahun), "tahun")
    year = TahunKinerja(pemda=pemda, tahun=tahun, batas_skp=batas_skp or default_skp_due(tahun))
    for urutan, jenis in enumerate(JenisPeriode, start=1):
        mulai, selesai = period_dates(tahun, jenis)
        deadline = batas.get(jenis)
        if deadline is None:
            raise DomainError(_("Isi batas waktu setiap periode."), f"batas_{jenis.value}")
        if deadline < mulai:
            raise DomainError(_("Batas waktu tidak boleh sebelum periode dimulai."),
                              f"batas_{jenis.value}")
        year.periode.append(Periode(jenis=jenis, urutan=urutan, mulai=mulai, selesai=selesai,
                                    batas=deadline))
    db.session.add(year)
    record_audit(actor, year, "dibuka", to_state="dibuka", comment=str(tahun))
    db.session.flush()
    return year


def set_deadline(actor, periode: Periode, batas: date) -> None:
    _require_admin_of_period(actor, periode)
    periode.require_open()
    if batas < periode.mulai:
        raise DomainError(_("Batas waktu tidak boleh sebelum periode dimulai."), "batas")
    old = periode.batas
    periode.batas = batas
    record_audit(actor, periode, "batas_diubah", comment=f"{old.isoformat()} → {batas.isoformat()}")
    db.session.flush()


def close_period(actor, periode: Periode) -> None:
    _require_admin_of_period(actor, periode)
    periode.require_open()
    periode.ditutup = True
    periode.ditutup_at = utcnow()
    record_audit(actor, periode, "ditutup", from_state="dibuka", to_state="ditutup")
    db.session.flush()


def reopen_period(actor, periode: Periode) -> None:
    _require_admin_of_period(actor, periode)
    if not periode.ditutup:
        raise DomainError(_("Periode ini masih dibuka."))
    periode.ditutup = False
    periode.ditutup_at = None
    record_audit(actor, periode, "dibuka_kembali", from_state="ditutup", to_state="dibuka")
    db.session.flush()


def _require_admin_of_period(actor, periode: Periode) -> None:
    if not is_admin_pemda_of(actor, periode.tahun_kinerja.pemda_id):
        raise DomainError(_("Hanya admin pemda yang dapat mengatur periode."))
