"""Redacted copies of a report's words, for everyone who may see the report but not its people.

A copy is made when a report is stored and made again whenever the protected persons of its
state change. Redaction fails closed: if it raises, the copy is left empty and the report is
marked `failed`, so roles without the right to personal data see that it is withheld, never
the raw text.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from threatdesk.lib.locking import relocked, rewrite
from threatdesk.privacy.redaction import Person, Redacted, Redactor
from threatdesk.privacy.selectors import StatePeople, redactors

log = logging.getLogger(__name__)

# The free text a filer writes on a report, which may name anyone.
FILER_TEXTS = ("narrative", "message_text", "sender_description", "platform")


class RedactionState:
    DONE = "done"
    FAILED = "failed"
    ERASED = "erased"
    CHOICES = [
        (DONE, "Redacted copy made"),
        (FAILED, "Redaction failed: copy withheld"),
        (ERASED, "Words erased under the retention policy"),
    ]


@dataclass(frozen=True)
class Copies:
    narrative: str = ""
    message_text: str = ""
    state: str = RedactionState.FAILED
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def values(self) -> dict[str, Any]:
        return {
            "narrative_redacted": self.narrative,
            "message_text_redacted": self.message_text,
            "redaction_state": self.state,
            "protected_mentions": self.mentions,
        }


def own_people(values: Mapping[str, Any], reporter_name: str = "") -> list[Person]:
    """The report's own sender and reporter, who must not be named in the copy either; in their
    own report even a first name alone points at them. Someone nothing identifies is left out:
    they would teach the redactor nothing, and copying it for them is most of a short report's cost."""
    return [p for p in (sender_person(values), reporter_person(values, reporter_name)) if p is not None]


def sender_person(values: Mapping[str, Any]) -> Person | None:
    """The report's sender as its own sender fields tell the redactor of them, or None when
    nothing identifies them."""
    names = [values["sender_name"]] if values.get("sender_name") else []
    phones = list(values.get("sender_phones") or [])
    emails = list(values.get("sender_emails") or [])
    handles = list(values.get("sender_handles") or [])
    if not (names or phones or emails or handles):
        return None
    return Person(key="sender", kind="sender", names=names, phones=phones, emails=emails, handles=handles)


def reporter_person(values: Mapping[str, Any], reporter_name: str = "", reporter_email: str = "") -> Person | None:
    """Whoever filed, as the redactor should know them (the contact details they left, their
    account's name and address), or None when nothing identifies them."""
    contact = values.get("reporter_contact") or {}
    names = [n for n in (contact.get("name", ""), reporter_name) if n]
    phones = [contact["phone"]] if contact.get("phone") else []
    emails = [e for e in dict.fromkeys((contact.get("email", ""), reporter_email)) if e]
    if not (names or phones or emails):
        return None
    return Person(key="reporter", kind="reporter", names=names, phones=phones, emails=emails)


def without_reporter(values: Mapping[str, Any], texts: list[str], reporter_name: str = "", reporter_email: str = "") -> list[str]:
    """The texts with only the filer taken out: for a reader who may read the original words but
    whom the filer did not agree may know who they are."""
    return without_one(reporter_person(values, reporter_name, reporter_email), texts)


def without_one(person: Person | None, texts: list[str]) -> list[str]:
    """The texts with only `person` taken out (as [REPORTER], [SENDER PHONE]…) and every other
    character left as it is, since these are texts others still read in full."""
    if person is None:
        return texts
    redactor = Redactor([person])
    return [redactor.redact(text, people_only=True).text for text in texts]


def filer_account(report: Any) -> tuple[str, str]:
    """The filing account's full name and email address, which its own words may hold."""
    if not (report.reporter_id and report.reporter):
        return "", ""
    return report.reporter.get_full_name(), report.reporter.email


def filer_taken_out(report: Any) -> dict[str, str]:
    """For retention of who filed: each free text of the report that names the filer (the contact
    details they left, their account's name and address), with the filer replaced by [REPORTER].

    Once who filed is erased nothing knows them any more: the words, kept longer, would name them
    to readers the filer did not choose, and every copy made again from them would too. So they
    leave the words when they leave the report, as a protected person does on an erasure request.
    """
    return free_texts_without(report, reporter_person(vars(report), *filer_account(report)))


def sender_taken_out(report: Any) -> dict[str, str]:
    """For retention of the sender: each free text of the report that names the sender (their
    name, phones, emails, handles), with the sender replaced by [SENDER] as in the redacted copy.

    The copy leaves the sender out only because the sender fields say who they are; once those
    are erased, every copy made again from words kept longer would name the sender, so the sender
    leaves the words too, as the filer does (`filer_taken_out`).
    """
    return free_texts_without(report, sender_person(vars(report)))


def free_texts_without(report: Any, person: Person | None) -> dict[str, str]:
    """Each free text of the report that names `person`, with them taken out (`without_one`):
    only the texts that change, so nothing else is written."""
    texts = [getattr(report, name) for name in FILER_TEXTS]
    taken_out = without_one(person, texts)
    return {name: new for name, old, new in zip(FILER_TEXTS, texts, taken_out, strict=True) if new != old}


def _mentions(results: Iterable[Redacted], redactor: Redactor) -> list[dict[str, Any]]:
    """Which protected persons the words name, and by what (name, address, phone…): codes only."""
    found: dict[str, set[str]] = {}
    for result in results:
        for span in result.spans:
            if span.person and span.person not in ("sender", "reporter"):
                found.setdefault(span.person, set()).add(span.category)
    return [{"person": key, "kind": redactor.people[key].kind, "found": sorted(cats)} for key, cats in found.items()]


def make_copies(values: Mapping[str, Any], *, redactor: Redactor, reporter_name: str = "") -> Copies:
    """Redact narrative and words together (one numbering of people). Never raises."""
    try:
        extra = own_people(values, reporter_name)
        combined = redactor.with_people(extra) if extra else redactor
        narrative, words = combined.redact_many([values.get("narrative") or "", values.get("message_text") or ""])
        return Copies(narrative.text, words.text, RedactionState.DONE, _mentions((narrative, words), combined))
    except Exception:
        # Logged without the text or the exception message, which might quote it.
        log.error("redaction failed; the redacted copy is withheld", extra={"code": values.get("public_code", "")})
        return Copies()


def redactor_for(*, office_id: int | None, state_id: int) -> Redactor:
    return redactors.redactor(office_id=office_id, state_id=state_id)


class StampedRedactors:
    """`redactor_for` that remembers the stamp of each state's redactor it handed out, so that
    work done with it outside a transaction can be checked inside one: `unchanged()` is False
    once a protected person of one of those states was added, edited or removed since the
    redactor was built. It hands out the redactor last built, unasked, since the check follows."""

    def __init__(self) -> None:
        self.stamps: dict[tuple[int, int | None], tuple[Any, ...]] = {}

    def __call__(self, *, office_id: int | None, state_id: int) -> Redactor:
        self.stamps[state_id, office_id], redactor = redactors.known(office_id=office_id, state_id=state_id)
        return redactor

    def unchanged(self) -> bool:
        return all(redactors.stamp(*key) == stamp for key, stamp in self.stamps.items())


def redactors_for_batch() -> Callable[..., Redactor]:
    """`redactor_for` for many reports in one transaction (an import, a state's copies redone):
    each office's redactor looked up, and its protected persons checked, once."""

    @functools.cache
    def lookup(*, office_id: int | None, state_id: int) -> Redactor:
        return redactors.redactor(office_id=office_id, state_id=state_id)

    return lookup


def redactors_from(people: StatePeople) -> Callable[..., Redactor]:
    """`redactor_for` over protected persons read beforehand, for a process that must not ask the
    database (an import's worker): each office's redactor built once, as `redactors` builds it."""

    @functools.cache
    def lookup(*, office_id: int | None, state_id: int) -> Redactor:
        return Redactor(people.people(office_id=office_id, state_id=state_id))

    return lookup


def reports_of_state_people(state_id: int) -> Any:
    """The reports a protected person of the state may have to be taken out of: the state's, and
    those its offices filed about other states, which are redacted against their office's people."""
    from threatdesk.reports.models import Report

    return Report.objects.filter(Q(state_id=state_id) | Q(office__state_id=state_id))


def redo_state(state_id: int) -> int:
    """Redo the copies of every report a state's protected persons are redacted from
    (`reports_of_state_people`) after they changed, and their assessments with them: a worker's
    newly recorded address turns "123 Elm St" into knowledge of her home."""
    from threatdesk.reports.assessing import reassessed
    from threatdesk.reports.models import Report

    done = 0
    with transaction.atomic():
        lookup = redactors_for_batch()  # the people cannot change within this transaction
        reports = reports_of_state_people(state_id).exclude(redaction_state=RedactionState.ERASED)
        reports = reports.select_related("reporter").prefetch_related("threat_types", "sender_identifiers")
        # Locked before they are read: a report whose words retention erases meanwhile is not
        # found, and its copies are not made again from the words it erased.
        for report in relocked(reports, reports.values_list("pk", flat=True)):
            copies = make_copies(
                vars(report),
                redactor=lookup(office_id=report.office_id, state_id=report.state_id),
                reporter_name=_user_name(report),
            ).values()
            copies.update(reassessed(report, {**vars(report), **copies}))
            Report.objects.filter(pk=report.pk).update(**copies)
            done += 1
    return done


def _user_name(report: Any) -> str:
    user = getattr(report, "reporter", None)
    return user.get_full_name() if user is not None else ""


ERASED_LABEL = "ERASED"


def person_taken_out(record: Any) -> Callable[[str], str | None]:
    """For an erasure request: a function that takes one protected person (names, phones, emails,
    handles, addresses) out of a text and leaves the rest, or gives None where they are not in it."""
    from threatdesk.privacy.selectors import redaction_person

    redactor = Redactor([redaction_person(record)])
    labels = {record.public_code: ERASED_LABEL}

    def take_out(text: str) -> str | None:
        result = redactor.redact(text, labels=labels, people_only=True)
        return result.text if result.spans else None

    return take_out


def erase_person(record: Any) -> int:
    """Take one protected person out of the free text of every report of their state's
    (`reports_of_state_people`), and out of the uploaded names of those reports' evidence files.

    The originals (which the office itself reads) lose the person and nothing else; each is
    read again locked before it is written, so words retention erased meanwhile stay erased. The
    redacted copies are redone afterwards by the people listener. A file whose uploaded name
    names them ("Jane_Roe_voicemail.m4a") takes the name it is handed out under instead
    (`evidence.file_name`): what a file shows cannot be taken out of it; its name can.
    """
    from threatdesk.reports.models import Evidence

    take_out = person_taken_out(record)
    reports = reports_of_state_people(record.office.state_id)
    words = rewrite(reports.only("pk", *FILER_TEXTS), lambda report: without_person(report, take_out))
    files = Evidence.objects.filter(report__in=reports).only("pk", "public_code", "content_type", "original_name")
    return words + rewrite(files, lambda item: _renamed(item, take_out))


_NAME_SEPARATORS = str.maketrans("_-.+", "    ")


def _renamed(item: Any, take_out: Callable[[str], str | None]) -> dict[str, str]:
    from threatdesk.reports.evidence import file_name

    if take_out(item.original_name.translate(_NAME_SEPARATORS)) is None:
        return {}
    return {"original_name": file_name(item)}


def without_person(report: Any, take_out: Callable[[str], str | None]) -> dict[str, str]:
    """Each free text of the report that names the person, with them taken out."""
    texts = {name: take_out(getattr(report, name)) for name in FILER_TEXTS}
    return {name: text for name, text in texts.items() if text is not None}
