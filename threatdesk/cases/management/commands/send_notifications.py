"""Send the notification mail that is due: messages a stopped process queued but never sent, and
retries of addresses the mail server refused. Web processes send on their own while they run;
this is for a timer (every few minutes) so that nothing waits on a process that is gone.
Prints counts only, never an address."""

from __future__ import annotations

from typing import Any

from threatdesk.cases.models import PendingNotice
from threatdesk.cases.outbox import send_due
from threatdesk.lib.commands import OperatorCommand


class Command(OperatorCommand):
    help = "Send queued notification mail that is due, and say how many messages still wait."
    busy_outcome = "mail already sent stays sent; the rest waits for the next run"

    def handle(self, *args: Any, **options: Any) -> None:
        tried = send_due()
        waiting = PendingNotice.objects.count()
        self.stdout.write(f"{tried} queued message(s) tried; {waiting} still waiting (for a retry or another sender)")
