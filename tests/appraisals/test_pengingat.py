"""The "deadline near" reminder: sent N days (a setting) before an SKP or evaluation deadline to
those who have not submitted, once per item, never for a closed period."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import StatusEvaluasi
from portal.appraisals.pengingat import services as pengingat_services
from portal.appraisals.pengingat.models import PengingatBatas
from portal.appraisals.periode.models import JenisPeriode
from portal.core.deferred import say
from portal.extensions import db
from portal.notifications.models import Notifikasi
from tests.appraisals.factories import direct_evaluasi, make_set_skp, periode


def _notified(kind: str = "batas_waktu_dekat") -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for note in db.session.scalars(sa.select(Notifikasi).where(Notifikasi.jenis == kind)):
        out.setdefault(note.user_id, []).append(say(note.params["periode"]))  # as shown
    return out


def test_skp_reminder_n_days_before_once(world, year):
    user_pegawai, user_atasan = world.users["pegawai"], world.users["atasan"]
    make_set_skp(world.pegawai["kasi"], year)  # the atasan's SKP is set: no reminder for him
    too_early = pengingat_services.remind(year.batas_skp - timedelta(days=4))
    assert too_early.skp == 0
    sent = pengingat_services.remind(year.batas_skp - timedelta(days=3))
    assert sent.skp == 1
    assert _notified() == {user_pegawai.id: ["SKP 2026"]}
    assert user_atasan.id not in _notified()
    again = pengingat_services.remind(year.batas_skp - timedelta(days=1))
    assert again.skp == 0 and len(_notified()[user_pegawai.id]) == 1
    assert db.session.scalar(sa.select(PengingatBatas.kunci)) == f"skp:{year.id}"


def test_evaluation_reminder_skips_submitted_and_closed_periods(world, year, app, monkeypatch):
    tw1 = periode(year)
    skp = make_set_skp(world.pegawai["staf"], year)
    skp_kasi = make_set_skp(world.pegawai["kasi"], year)
    direct_evaluasi(world.pegawai["kasi"], tw1, skp_kasi, status=StatusEvaluasi.DIAJUKAN)
    direct_evaluasi(world.pegawai["staf"], tw1, skp, status=StatusEvaluasi.DRAF)
    monkeypatch.setitem(app.config, "PORTAL_REMINDER_DAYS_BEFORE", 5)
    sent = pengingat_services.remind(tw1.batas - timedelta(days=5))
    assert sent.evaluasi == 1
    assert _notified() == {world.users["pegawai"].id: ["evaluasi Triwulan I 2026"]}
    assert pengingat_services.remind(tw1.batas).evaluasi == 0  # recorded: not twice
    # a closed period reminds nobody
    tw2 = periode(year, JenisPeriode.TRIWULAN_2)
    tw2.ditutup = True
    db.session.flush()
    assert pengingat_services.remind(tw2.batas - timedelta(days=1)).evaluasi == 0


def test_inactive_accounts_and_other_pemda_are_left_out(world, year):
    world.users["pegawai"].aktif = False
    db.session.flush()
    sent = pengingat_services.remind(year.batas_skp)
    assert world.users["pegawai"].id not in _notified()
    metro_ids = {world.pegawai["metro"].id}
    assert not metro_ids & set(db.session.scalars(sa.select(PengingatBatas.pegawai_id)))
    assert sent.skp == 1  # the atasan


def test_cli_with_fixed_today(world, year, app):
    db.session.commit()
    runner = app.test_cli_runner()
    day = (year.batas_skp - timedelta(days=2)).isoformat()
    result = runner.invoke(args=["appraisals", "remind", "--today", day])
    assert result.exit_code == 0, result.output
    assert "2 SKP reminders, 0 evaluation reminders, 0 other reminders sent." in result.output
    result = runner.invoke(args=["appraisals", "remind", "--today", day])
    assert "0 SKP reminders" in result.output
    db.session.expire_all()
    note = db.session.scalar(sa.select(Notifikasi).where(Notifikasi.jenis == "batas_waktu_dekat"))
    assert note.url.startswith("/")
