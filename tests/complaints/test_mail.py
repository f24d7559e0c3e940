"""E-mails to the reporter: the receipt with the tracking code, and the answer; none for anonim."""

from __future__ import annotations

import sqlalchemy as sa

from portal.complaints import handling
from portal.complaints.models import Pengaduan
from tests.complaints.conftest import answers, open_form


def _file(client, world, **overrides) -> Pengaduan:
    csrf, token = open_form(client)
    response = client.post("/pengaduan/baru", data={**answers(world, **overrides),
                                                     "csrf_token": csrf, "form_token": token})
    assert response.status_code == 303
    return client.application.extensions["sqlalchemy"].session.scalars(
        sa.select(Pengaduan).order_by(Pengaduan.id.desc())).first()


def _send(app) -> None:
    app.test_cli_runner().invoke(args=["mail", "send"])


def test_receipt_and_answer_are_mailed_to_the_reporter(app, client, db, world, smtp, no_wait):
    pengaduan = _file(client, world)
    _send(app)
    [(rcpt, receipt)] = smtp.messages
    assert rcpt == ["rina@example.org"]
    assert pengaduan.kode_lacak in receipt["Subject"]
    assert f"/pengaduan/{pengaduan.kode_lacak}" in receipt.get_content()

    handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                             perlu_tinjauan_lapangan=False, pesan=None)
    handling.answer(world.users["petugas_pengaduan"], pengaduan, "Loket kini buka pukul 07.30.")
    db.session.commit()
    _send(app)
    assert len(smtp.messages) == 2
    answer = smtp.messages[1][1]
    assert "Sudah dijawab" in answer["Subject"]
    assert "Loket kini buka pukul 07.30." in answer.get_content()


def test_anonymous_reporter_gets_no_mail(app, client, db, world, smtp, no_wait):
    _file(client, world, identitas="anonim", nama="", telepon="", email="")
    _send(app)
    assert smtp.messages == []
