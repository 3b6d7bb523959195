"""The case-work buttons on a report's page, decided here so the report's view need not know them."""

from __future__ import annotations

from typing import Any

from django import template

from threatdesk.reports.access import may_export_indicators, may_make_packet, may_see_personal_data

register = template.Library()


@register.inclusion_tag("cases/_actions.html", takes_context=True)
def case_actions(context: dict[str, Any], report: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "report": report,
        "packet": may_make_packet(user, report),
        "stix": may_export_indicators(user, report),
        "identifiers": may_see_personal_data(user, report),
        "csrf_token": context.get("csrf_token"),
    }
