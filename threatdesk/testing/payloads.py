"""Valid inputs to start tests from, and canary values that must never leak."""

from __future__ import annotations

from typing import Any

# Planted personal data. A test that finds one of these where it does not belong has found a leak.
CANARY_WORKER = "Quillonia Brightwater"
CANARY_ADDRESS = "4417 Zephyrine Lane"
CANARY_PHONE = "+16025550199"
CANARY_EMAIL = "quillonia.canary@example.org"
CANARY_CHILD = "Thaddeus Brightwater"
CANARY_SENDER = "Mordecai Vantablack"
CANARIES = (CANARY_WORKER, CANARY_ADDRESS, CANARY_PHONE, CANARY_EMAIL, CANARY_CHILD, CANARY_SENDER, "6025550199", "602-555-0199")


def valid_report_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "occurred_on": "2024-11-06",
        "occurred_time": "21:15",
        "state": "AZ",
        "county": "04013",
        "channel": "voicemail",
        "threat_types": ["threat_violence", "threat_family"],
        "target_role": "county_election_official",
        "election_phase": "canvass",
        "message_text": f"We know {CANARY_WORKER} lives at {CANARY_ADDRESS}. Tell {CANARY_CHILD} to watch out.",
        "narrative": f"A caller left a voicemail for {CANARY_WORKER} naming her home address and her son.",
        "sender": {
            "name": CANARY_SENDER,
            "phones": ["(602) 555-0199"],
            "emails": [CANARY_EMAIL],
            "handles": ["@canary_handle_x"],
            "description": "Male voice, calm, called twice.",
        },
    }
    payload.update(overrides)
    return payload
