"""`manage.py assess`: one JSON answer per input line; a bad line gets an error, the rest go on."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command


def run(lines: list[bytes]) -> list[dict]:
    out = io.StringIO()
    call_command("assess", stdin=io.BytesIO(b"\n".join(lines)), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_message_gets_a_level_indicators_explanation_and_statutes():
    line = json.dumps(
        {
            "text": "You are going to hang for treason.",
            "channel": "voicemail",
            "state": "AZ",
            "target_role": "county_election_official",
        }
    )
    [answer] = run([line.encode()])
    assert answer["level"] == 3
    assert "direct_threat" in {i["code"] for i in answer["indicators"]}
    assert answer["explanation"].startswith("Level 3")
    assert answer["statutes"], "a voicemail death threat should bring suggested provisions"
    assert all("citation" in s and "reason" in s for s in answer["statutes"])


def test_free_words_are_accepted_for_channel_and_target():
    [answer] = run([json.dumps({"text": "Watch your back.", "channel": "text message", "target_role": "poll worker"}).encode()])
    assert answer["level"] == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"text": ""}', "text is missing or empty"),
        (b'{"text": "hi", "state": "ZZ"}', "unknown state"),
        (b'{"text": "hi", "channel": "carrier pigeon"}', "unknown channel"),
        (b'{"text": "hi", "threat_types": ["nonsense"]}', "threat_types must be"),
        (b"{not json", "malformed JSON"),
        (b'{"text": "hi", "n": 1' + b"0" * 5000 + b"}", "a number has too many digits"),
        (b"[1, 2]", "one JSON object"),
        ('{"text": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_bad_line_gets_a_clear_error_and_the_next_line_is_still_assessed(line, message):
    good = json.dumps({"text": "Someone should string her up."}).encode()
    first, second = run([line, good])
    assert first["line"] == 1 and message in first["error"]
    assert second["level"] == 2


def test_a_line_nested_too_deeply_gets_an_error_and_the_next_line_is_still_assessed():
    good = json.dumps({"text": "Someone should string her up."}).encode()
    first, second = run([b"[" * 100_000, good])
    assert first["line"] == 1 and "nested too deeply" in first["error"]
    assert second["level"] == 2


def test_it_runs_from_the_command_line_without_a_database(tmp_path):
    line = json.dumps({"text": "We know where your kids go to school.", "channel": "text_message"})
    done = subprocess.run(
        [sys.executable, "manage.py", "assess"],
        input=line + "\n",
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"THREATDESK_ENV": "test", "PATH": "/usr/bin:/bin", "THREATDESK_VAR_DIR": str(tmp_path)},
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["level"] == 3
