"""Queueing and sending e-mail."""
from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from sqlalchemy import select

from ..extensions import db
from ..models import utcnow
from .models import OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def queue(recipient: str | None, subject: str, body: str) -> OutboxMessage | None:
    """Write a message to the outbox (not committed: it belongs to the caller's
    transaction). No recipient, no message."""
    if not recipient:
        return None
    message = OutboxMessage(recipient=recipient[:254], subject=subject[:200], body=body)
    db.session.add(message)
    return message


def send_pending(config) -> tuple[int, int]:
    """Send what the outbox holds, when SMTP is configured: (sent, failed)."""
    if not config.get("MAIL_SERVER"):
        return 0, 0
    pending = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)).all()
    sent = failed = 0
    for message in pending:
        message.attempts += 1
        try:
            _send(config, message)
        except (OSError, smtplib.SMTPException) as exc:
            message.last_error = f"{exc.__class__.__name__}: {exc}"[:300]
            failed += 1
            log.warning("mail %s not sent: %s", message.id, message.last_error)
        else:
            message.sent_at, message.last_error = utcnow(), None
            sent += 1
        db.session.commit()
    return sent, failed


def _send(config, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    timeout = config.get("MAIL_TIMEOUT", 10)
    with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25),
                      timeout=timeout) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(email)


def to_editors(subject: str, body: str) -> OutboxMessage | None:
    """A message for the editors' address (REGISTRY_EDITORS_EMAIL); kept in the outbox,
    readable at /edition/courriels, even when that address is not set."""
    from flask import current_app

    return queue(current_app.config.get("REGISTRY_EDITORS_EMAIL") or "éditeurs (adresse "
                 "non configurée)", subject, body)


def deliver() -> None:
    """Try to send the outbox now (after the action that queued messages has been
    committed); a failure leaves them there and never fails the request."""
    from flask import current_app

    try:
        send_pending(current_app.config)
    except Exception:  # noqa: BLE001 (a mail server must not take a page down)
        db.session.rollback()
        log.exception("outbox: sending failed")


def site_link(path: str) -> str:
    """An absolute address for a message: REGISTRY_BASE_URL, else the request's host."""
    from flask import current_app, request

    base = current_app.config.get("REGISTRY_BASE_URL") or request.host_url
    return base.rstrip("/") + path
