"""Two merges of the same reports at once (PostgreSQL): each merge holds both reports, in
primary-key order, so neither can leave a duplicate merged into a merged duplicate, and opposite
merges take turns instead of deadlocking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from threatdesk.cases import services
from threatdesk.cases.models import LinkKind, ReportLink
from threatdesk.reports.models import Report
from threatdesk.testing.interleaving import Pause, meanwhile, two_writers
from threatdesk.testing.planting import filed_by_reporter

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), two_writers]


def merging(actor: Any, duplicate: Report, into: Report) -> Callable[[], Any]:
    """A merge as one writer runs it, reading both reports afresh."""
    return lambda: services.report_merge(
        actor=actor,
        duplicate=Report.objects.get(pk=duplicate.pk),
        into=Report.objects.get(pk=into.pk),
        reason="Same voicemail twice",
    )


def held_before_linking(monkeypatch: Any) -> Pause:
    """Holds the first merge once it has checked both reports, just before it links them."""
    pause = Pause()
    monkeypatch.setattr(services, "_refuse_leaving_a_referral_behind", pause.wrap(services._refuse_leaving_a_referral_behind))
    return pause


def test_opposite_merges_at_once_leave_one_merge_and_no_database_error(personas, monkeypatch):
    """Merging A into B while a colleague merges B into A must refuse the second, not fail one of
    them with "deadlock detected"."""
    a, b = filed_by_reporter(personas), filed_by_reporter(personas)
    pause = held_before_linking(monkeypatch)
    with pytest.raises(AssertionError, match="already merged") as refused:
        meanwhile(merging(personas.manager, a, b), pause, merging(personas.coordinator, b, a))
    assert "deadlock" not in str(refused.value).lower()
    assert ReportLink.objects.filter(kind=LinkKind.DUPLICATE).count() == 1


def test_a_report_is_not_merged_into_one_being_merged_away(personas, monkeypatch):
    """A into B while B goes into C: A would end merged into a closed duplicate, and its filer's
    page would follow the case to B, never to C where it goes on."""
    a, b, c = filed_by_reporter(personas), filed_by_reporter(personas), filed_by_reporter(personas)
    pause = held_before_linking(monkeypatch)
    try:
        meanwhile(merging(personas.manager, a, b), pause, merging(personas.coordinator, b, c))
    except AssertionError as exc:  # one of them was refused
        assert "merged" in str(exc), str(exc)[:300]
    chains = ReportLink.objects.filter(kind=LinkKind.DUPLICATE, to_report__links_out__kind=LinkKind.DUPLICATE)
    assert not chains.exists()
    assert set(ReportLink.objects.filter(kind=LinkKind.DUPLICATE).values_list("from_report", "to_report")) == {
        (a.pk, c.pk),
        (b.pk, c.pk),
    }
