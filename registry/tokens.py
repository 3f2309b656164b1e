"""Private links: random tokens given once, kept only as their SHA-256."""
from __future__ import annotations

import hashlib
import secrets


def new_token(size: int = 24) -> str:
    return secrets.token_urlsafe(size)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
