"""Reads for places."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from threatdesk.places.models import Agency, State


def agencies_serving(state: State) -> QuerySet[Agency]:
    """Agencies a report from `state` is normally referred to: the state's own, the field offices
    covering it, and national ones."""
    return Agency.objects.filter(Q(state=state) | Q(state__isnull=True) | Q(covers_states=state)).distinct().order_by("name")
