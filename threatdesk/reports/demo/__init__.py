"""Synthetic demo data for `manage.py demo`: agencies, offices, one user per role, and about two
thousand invented reports over the 2020, 2022 and 2024 cycles. Every report is `is_synthetic`.

`texts` holds the words, `generator` draws the rows (deterministic for a seed), `build` writes.
"""

from threatdesk.reports.demo.build import (
    DEFAULT_SEED,
    DEMO_USERNAMES,
    Credential,
    DemoExistsError,
    DemoResult,
    demo_build,
    demo_exists,
    demo_passwords_reset,
    demo_places,
    demo_rows,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_USERNAMES",
    "Credential",
    "DemoExistsError",
    "DemoResult",
    "demo_build",
    "demo_exists",
    "demo_passwords_reset",
    "demo_places",
    "demo_rows",
]
