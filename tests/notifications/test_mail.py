"""The mail queue against a real SMTP server (aiosmtpd): notifications and complaint e-mails are
queued with the change, sent by ``flask mail send``, retried when the server is down."""

from __future__ import annotations

from portal.notifications.models import SuratKeluar
from portal.notifications.services import notify, queue_mail
from tests.conftest import free_port


def _send(app) -> str:
    return app.test_cli_runner().invoke(args=["mail", "send"]).output


def test_notification_is_mailed_in_indonesian_with_a_link(app, db, world, smtp):
    user = world.users["pegawai"]
    user.email = "pegawai@lampung.example"
    notify(user, "skp_disetujui", "/dasbor", periode="2026")
    db.session.commit()
    assert smtp.messages == []  # nothing leaves before the job runs
    assert "1 sent, 0 failed." in _send(app)
    [(rcpt, message)] = smtp.messages
    assert rcpt == ["pegawai@lampung.example"]
    assert message["Subject"] == "SKP 2026 Anda telah ditetapkan."
    assert "http://127.0.0.1:5000/dasbor" in message.get_content()
    assert "0 sent, 0 failed." in _send(app)  # sent once only


def test_no_mail_without_an_address_or_a_server(app, db, world, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_SMTP_HOST", None)
    user = world.users["pegawai"]
    user.email = "pegawai@lampung.example"
    notify(user, "skp_disetujui", "/dasbor", periode="2026")
    assert queue_mail("x@example.org", "s", "b") is None
    db.session.flush()
    assert db.session.query(SuratKeluar).count() == 0


def test_a_server_that_is_down_keeps_the_mail_for_the_next_run(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "PORTAL_SMTP_PORT", free_port())  # nobody listens
    monkeypatch.setitem(app.config, "PORTAL_SMTP_STARTTLS", False)
    queue_mail("warga@example.org", "Subjek", "Isi")
    db.session.commit()
    assert "0 sent, 1 failed." in _send(app)
    surat = db.session.query(SuratKeluar).one()
    assert surat.terkirim_at is None and surat.percobaan == 1 and surat.galat
