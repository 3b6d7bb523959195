"""The environment of a production deployment, for tests that start threatdesk afresh in a child
process (settings are read once, when the module is imported)."""

from __future__ import annotations

from threatdesk import settings as settings_module


def production_environment(**overrides: str) -> dict[str, str]:
    """Everything production refuses to start without, with the test suite's throwaway keys; an
    override of "" leaves a variable unset, so that where a test runs it as development, a developer's
    `.env` cannot fill the gap (production reads no `.env`)."""
    return {
        "THREATDESK_ENV": "production",
        **settings_module._TEST_SECRETS,
        "SITE_URL": "https://threatdesk.example.gov",
        "ALLOWED_HOSTS": "threatdesk.example.gov",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DEFAULT_FROM_EMAIL": "threatdesk@example.gov",
        "SECURE_SSL_REDIRECT": "true",
        "CACHE_URL": "",
        "REQUIRE_TWO_FACTOR": "",
        "AXES_ENABLED": "",
        "NOTIFICATION_DELIVERY": "",
        **overrides,
    }
