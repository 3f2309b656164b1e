"""Who may open the editorial pages: logged-in accounts with the right role."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles: str):
    """Only accounts whose role is one of `roles` (others: 403; anonymous: the login page)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


editor_required = role_required("editor", "admin")


def safe_next(target: str | None, default: str) -> str:
    """A redirect target after login: a path of this site only (no scheme, no host)."""
    if not target or len(target) > 500:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return default
    return target
