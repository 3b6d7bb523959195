"""Print a fresh `.env` for development: new random secrets, nothing else.

`make .env` runs this once; the file is git-ignored. Production sets the same variables in its
own environment (see .env.example).
"""

from __future__ import annotations

import base64
import secrets


def random_key(nbytes: int = 32) -> str:
    return base64.b64encode(secrets.token_bytes(nbytes)).decode()


def render() -> str:
    return "\n".join(
        [
            "# Development secrets made by `make .env`. Never commit this file.",
            "THREATDESK_ENV=development",
            "DEBUG=true",
            f"SECRET_KEY={secrets.token_urlsafe(50)}",
            f"FIELD_KEYS=k{secrets.randbelow(10**6)}:{random_key()}",
            f"PSEUDONYM_KEY={random_key()}",
            "",
        ]
    )


if __name__ == "__main__":
    print(render(), end="")
