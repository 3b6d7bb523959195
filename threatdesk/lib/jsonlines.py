"""One line of a JSON-lines file, read as the object it must hold, or a message that says what is
wrong with it and quotes nothing of it (a line may hold personal data, and the message goes to a
terminal or a log)."""

from __future__ import annotations

import json
from typing import Any


class BadLineError(ValueError):
    """The line is not one JSON object; the message is fit to show."""


def json_object(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadLineError(f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:  # "[[[[…" nested deeper than the parser can follow
        raise BadLineError("malformed JSON: nested too deeply to read") from exc
    except ValueError as exc:  # a number of more digits than Python converts
        raise BadLineError("unreadable JSON: a number has too many digits") from exc
    if not isinstance(data, dict):
        raise BadLineError("each line must be one JSON object")
    return data
