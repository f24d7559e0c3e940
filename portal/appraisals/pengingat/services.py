"""The "deadline near" reminder: every pegawai whose SKP of a year, or whose evaluation of an open
period, is not yet submitted when its deadline is at most N days away (a setting) is notified
once per item. What was sent is recorded in ``PengingatBatas``, so a second run (or a second
cron host) sends nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import url_for

from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.appraisals.pengingat.models import PengingatBatas
from portal.appraisals.periode.models import Periode, TahunKinerja
from portal.appraisals.settings import setting
from portal.appraisals.signals import pengingat_harian
from portal.appraisals.skp.models import Skp, StatusSkp
from portal.auth.models import User
from portal.core.deferred import N_, later
from portal.core.models import utcnow
from portal.core.signals import total
from portal.extensions import db
from portal.org.models import Opd, Pegawai

#: an SKP in one of these states has been handed in (or set) and needs no reminder
SKP_SUBMITTED = (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, StatusSkp.DIGANTI)


EVALUASI_SUBMITTED = (StatusEvaluasi.DIAJUKAN, StatusEvaluasi.DISETUJUI)


@dataclass
class Sent:
    skp: int = 0
    evaluasi: int = 0
    #: reminders other rooms sent on the same run (pembinaan: overdue coaching-plan actions)
    lainnya: int = 0


def _targets(pemda_id: int, kunci: str, done):
    """(pegawai id, account) of the pemda's active staff with an active account, not among
    ``done`` and not yet reminded of ``kunci``."""
    reminded = sa.select(PengingatBatas.pegawai_id).where(PengingatBatas.kunci == kunci)
    return db.session.execute(
        sa.select(Pegawai.id, User)
        .join(User, User.pegawai_id == Pegawai.id)
        .join(Opd, Opd.id == Pegawai.opd_id)
        .where(Opd.pemda_id == pemda_id, Pegawai.aktif.is_(True), User.aktif.is_(True),
               Pegawai.id.not_in(done), Pegawai.id.not_in(reminded))
        .order_by(Pegawai.id)).all()


def _link() -> str:
    return url_for("appraisals.index", _external=False)


def _send(targets, kunci: str, batas: date, label: dict) -> int:
    from portal.notifications.services import notify

    url = _link()
    for pegawai_id, user in targets:
        db.session.add(PengingatBatas(pegawai_id=pegawai_id, kunci=kunci, batas=batas,
                                      sent_at=utcnow()))
        notify(user, "batas_waktu_dekat", url, periode=label)
    return len(targets)


def remind(today: date) -> Sent:
    """Send what is due on ``today`` (WIB); the caller commits."""
    horizon = today + timedelta(days=int(setting("PORTAL_REMINDER_DAYS_BEFORE")))
    sent = Sent()
    years = db.session.scalars(sa.select(TahunKinerja).where(
        TahunKinerja.batas_skp.between(today, horizon)).order_by(TahunKinerja.id))
    for year in years:
        if year.periode and all(p.ditutup for p in year.periode):
            continue
        done = sa.select(Skp.pegawai_id).where(Skp.tahun_kinerja_id == year.id,
                                               Skp.status.in_(SKP_SUBMITTED))
        kunci = f"skp:{year.id}"
        sent.skp += _send(_targets(year.pemda_id, kunci, done), kunci, year.batas_skp,
                          later(N_("SKP %(tahun)s"), tahun=str(year.tahun)))
    periods = db.session.scalars(sa.select(Periode).where(
        Periode.ditutup.is_(False), Periode.batas.between(today, horizon)).order_by(Periode.id))
    for periode in periods:
        done = sa.select(Evaluasi.pegawai_id).where(Evaluasi.periode_id == periode.id,
                                                    Evaluasi.status.in_(EVALUASI_SUBMITTED))
        kunci = f"evaluasi:{periode.id}"
        sent.evaluasi += _send(_targets(periode.tahun_kinerja.pemda_id, kunci, done), kunci,
                               periode.batas,
                               later(N_("evaluasi %(periode)s"), periode=periode.label_later()))
    sent.lainnya = total(pengingat_harian, today)
    db.session.flush()
    return sent
