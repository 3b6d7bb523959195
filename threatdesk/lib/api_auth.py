"""Bearer-token authentication for the API (tokens are issued by `manage.py create_token` and expire)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from threatdesk.accounts.services import token_user

        return token_user(token)
