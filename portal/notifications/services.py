"""Notify an account (and e-mail it when the portal has a mail server), mark notifications read,
and send the mail queue."""

from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.core.models import DomainError, utcnow
from portal.extensions import db
from portal.notifications.kinds import KINDS, message
from portal.notifications.models import Notifikasi, SuratKeluar

if TYPE_CHECKING:
    from portal.auth.models import User


def mail_enabled() -> bool:
    return bool(current_app.config.get("PORTAL_SMTP_HOST"))


def absolute_url(path: str) -> str:
    """A link for an e-mail, which is read outside the portal."""
    return current_app.config["PORTAL_BASE_URL"].rstrip("/") + path


def portal_link(endpoint: str, **values: object) -> str:
    """The absolute address of a page, also from a CLI job (no request to build it from)."""
    if has_request_context():
        return absolute_url(url_for(endpoint, **values))
    with current_app.test_request_context():
        return absolute_url(url_for(endpoint, **values))


def notify(user: User, jenis: str, url: str, **params) -> Notifikasi:
    """Tell ``user`` something happened, inside the portal and, when a mail server is set and
    the account has an address, by e-mail in Indonesian (the portal's default language)."""
    if jenis not in KINDS:
        raise ValueError(f"unknown notification kind {jenis!r}")
    item = Notifikasi(user_id=user.id, jenis=jenis, params=params, url=url)
    db.session.add(item)
    if user.email and mail_enabled():
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            text = message(jenis, params)
            body = _("%(pesan)s\n\nBuka di Portal Kinerja ASN: %(tautan)s",
                     pesan=text, tautan=absolute_url(url))
            queue_mail(user.email, text, body)
    return item


def queue_mail(kepada: str, subjek: str, isi: str) -> SuratKeluar | None:
    """Put an e-mail in the queue; nothing when no mail server is set."""
    if not mail_enabled():
        return None
    surat = SuratKeluar(kepada=kepada, subjek=subjek[:300], isi=isi)
    db.session.add(surat)
    return surat


def mark_read(user: User, item: Notifikasi, now: datetime | None = None) -> None:
    if item.user_id != user.id:
        raise DomainError(_("Notifikasi ini bukan milik Anda."))
    if item.dibaca_at is None:
        item.dibaca_at = now or utcnow()


def mark_all_read(user: User, now: datetime | None = None) -> int:
    result = db.session.execute(
        sa.update(Notifikasi)
        .where(Notifikasi.user_id == user.id, Notifikasi.dibaca_at.is_(None))
        .values(dibaca_at=now or utcnow())
    )
    return result.rowcount or 0


def _build_message(surat: SuratKeluar) -> EmailMessage:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["PORTAL_MAIL_SENDER"]
    email["To"] = surat.kepada
    email["Subject"] = surat.subjek
    email["Date"] = formatdate(localtime=False)
    sender_domain = parseaddr(config["PORTAL_MAIL_SENDER"])[1].rpartition("@")[2]
    email["Message-ID"] = make_msgid(domain=sender_domain or None)
    email.set_content(surat.isi)
    return email


def _connect() -> smtplib.SMTP:
    config = current_app.config
    host, port = config["PORTAL_SMTP_HOST"], config["PORTAL_SMTP_PORT"]
    timeout = config["PORTAL_SMTP_TIMEOUT"]
    if config["PORTAL_SMTP_SSL"]:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if config["PORTAL_SMTP_STARTTLS"]:
            smtp.starttls()
    if config["PORTAL_SMTP_USER"]:
        smtp.login(config["PORTAL_SMTP_USER"], config["PORTAL_SMTP_PASSWORD"] or "")
    return smtp


def _next_pending(max_attempts: int, skip: set[int]) -> SuratKeluar | None:
    return db.session.scalars(
        sa.select(SuratKeluar)
        .where(SuratKeluar.terkirim_at.is_(None), SuratKeluar.percobaan < max_attempts,
               SuratKeluar.id.not_in(skip) if skip else sa.true())
        .order_by(SuratKeluar.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def send_pending(limit: int = 200) -> tuple[int, int]:
    """Send what is queued, oldest first, one message per transaction: a crash halfway never
    sends one twice, and two runs at once on PostgreSQL skip each other's rows. A message that
    fails is tried again by the next run, up to PORTAL_MAIL_MAX_ATTEMPTS times. Returns
    (sent, failed)."""
    max_attempts = current_app.config["PORTAL_MAIL_MAX_ATTEMPTS"]
    sent = failed = 0
    tried: set[int] = set()
    smtp: smtplib.SMTP | None = None
    try:
        while sent + failed < limit:
            surat = _next_pending(max_attempts, tried)
            if surat is None:
                break
            tried.add(surat.id)
            try:
                if smtp is None:
                    smtp = _connect()
                smtp.send_message(_build_message(surat))
            except (OSError, smtplib.SMTPException) as exc:
                surat.percobaan += 1
                surat.galat = str(exc)[:500]
                failed += 1
                smtp = _close(smtp)
            else:
                surat.terkirim_at = utcnow()
                surat.galat = None
                sent += 1
            db.session.commit()
    finally:
        db.session.commit()
        _close(smtp)
    return sent, failed


def _close(smtp: smtplib.SMTP | None) -> None:
    """Hang up (a broken connection is reopened for the next message)."""
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return None
