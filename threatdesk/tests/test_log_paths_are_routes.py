"""A name typed into a URL never reaches the logs: request paths are logged as their routes."""

from __future__ import annotations

import logging

import pytest

from threatdesk.lib.logfilters import RedactRequestPath, route_of
from threatdesk.testing.payloads import CANARY_WORKER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", [CANARY_WORKER, "Quillonía Brightwater", "Квиллония"])
def test_404_for_a_typed_name_logs_the_route_not_the_name(client, caplog, typed):
    """Also a name with letters beyond ASCII, which Django escapes before the filter sees it."""
    caplog.set_level(logging.DEBUG)
    response = client.get(f"/status/{typed}/")
    assert response.status_code == 404
    lines = [record.getMessage() for record in caplog.records]
    assert any("/status/<str:code>/" in line for line in lines)
    escaped = typed.encode("unicode_escape").decode("ascii")
    assert not any(typed[:6] in line or escaped[:12] in line for line in lines)


def test_unrouted_path_is_logged_without_its_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    assert client.get(f"/nowhere/{CANARY_WORKER}").status_code == 404
    assert not any("Quillonia" in record.getMessage() for record in caplog.records)


def test_runserver_access_line_keeps_method_route_and_status():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /status/{CANARY_WORKER}/?x=1 HTTP/1.1", "404", "179"),
        None,
    )
    assert RedactRequestPath().filter(record)
    assert record.getMessage() == '"GET /status/<str:code>/ HTTP/1.1" 404 179'


def test_route_of_known_and_unknown_paths():
    assert route_of("/report/") == "/report/"
    assert route_of("/no/such/place") == "<unrouted path>"
