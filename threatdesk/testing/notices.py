"""Queued notices sent later than they were queued, as the outbox does in two ways: a first
attempt made by the timer's `send_notifications` after the process that queued the notice
stopped, and a retry after the mail server refused the first attempt. Tests of what may change
in between (an account, a report) run both ways.

A write in a test's transaction never commits, so what it queues stays in the outbox unsent
until `Later.send` sends it."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Sequence
from typing import Any

from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from threatdesk.accounts.models import User
from threatdesk.accounts.services import user_admin_saved
from threatdesk.cases import outbox

MEMORY = "django.core.mail.backends.locmem.EmailBackend"
WAYS = ("first_attempt", "retry")


class RefusingServer(BaseEmailBackend):
    """A mail server that refuses every recipient for now, naming them as SMTP does."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPRecipientsRefused({a: (451, b"try again later") for m in email_messages for a in m.to})


class Later:
    """Sends what is queued later, by `way`: "first_attempt" or "retry"."""

    def __init__(self, settings: Any, way: str) -> None:
        self.settings = settings
        self.way = way

    def hold(self) -> None:
        """What is queued so far waits: for a retry, the server refuses its first attempt."""
        if self.way == "retry":
            self.settings.EMAIL_BACKEND = f"{__name__}.RefusingServer"
            outbox.send_due()
            self.settings.EMAIL_BACKEND = MEMORY

    def send(self) -> None:
        """Send what is queued, once every retry held back is due."""
        outbox.send_due(now=timezone.now() + dt.timedelta(hours=1))


def mailed() -> list[str]:
    """Every address mailed so far, sorted."""
    return sorted(address for message in mail.outbox for address in message.to)


def changed(user: User, **fields: Any) -> User:
    """`user` with `fields` changed, as an administrator saves it in the admin site."""
    for name, value in fields.items():
        setattr(user, name, value)
    return user_admin_saved(actor=None, user=user, changed=list(fields), created=False)
