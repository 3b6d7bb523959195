"""Help lines and phone numbers are links a phone can dial, and the help sites links to open, on
the guidance pages, the receipt and status pages and in every page's footer; the rest of the text
stays escaped."""

from __future__ import annotations

import pytest
from django.test import Client

from threatdesk.assessment.templatetags.dial import dial
from threatdesk.testing.planting import form_data

pytestmark = pytest.mark.django_db

FBI = '<a href="tel:+18002255324">1-800-225-5324</a>'
POSTAL = '<a href="tel:+18778762455">877-876-2455</a>'
CRISIS = '<a href="tel:988">988</a>'
CRISIS_SITE = '<a href="https://988lifeline.org">988lifeline.org</a>'
TIPS = '<a href="https://tips.fbi.gov">tips.fbi.gov</a>'
EMERGENCY = '<a href="tel:911">911</a>'


def test_the_filter_links_numbers_and_sites_and_escapes_everything_else():
    linked = dial("Call 1-800-CALL-FBI (1-800-225-5324) or tips.fbi.gov & <b>988</b>, or 988lifeline.org")
    assert FBI in linked and TIPS in linked and CRISIS_SITE in linked
    assert "&amp; &lt;b&gt;" + CRISIS + "&lt;/b&gt;" in linked
    assert "1-800-CALL-FBI" in linked and "CALL-FBI</a>" not in linked


def test_the_guidance_pages_link_every_number_and_site(client: Client):
    index = client.get("/guidance/").content.decode()
    for link in (EMERGENCY, FBI, POSTAL, CRISIS, CRISIS_SITE, TIPS):
        assert link in index, link
    danger = client.get("/guidance/imminent-danger/").content.decode()
    assert f"Call {EMERGENCY} now." in danger


def test_the_receipt_status_and_footer_link_the_help_lines(client: Client, personas):
    receipt_url = client.post("/report/", form_data())["Location"]
    receipt = client.get(receipt_url).content.decode()
    assert EMERGENCY in receipt and CRISIS in receipt and CRISIS_SITE in receipt
    status = Client().get(receipt_url.replace("/report/receipt/", "/status/")).content.decode()
    assert CRISIS in status and CRISIS_SITE in status
    footer = client.get("/").content.decode().split('<footer class="site">')[1]
    assert EMERGENCY in footer
