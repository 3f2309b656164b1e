"""Absolute addresses: from REGISTRY_BASE_URL when it is set (a site behind a TLS proxy
must not trust the Host header), else from the request."""
from __future__ import annotations

from flask import current_app, request, url_for


def site_root() -> str:
    """`https://host[/prefix]`, without a trailing slash."""
    base = current_app.config.get("REGISTRY_BASE_URL")
    return base.rstrip("/") if base else request.host_url.rstrip("/")


def absolute(path: str) -> str:
    """The absolute address of a site path (`/monographies/x` → `https://…/monographies/x`)."""
    return site_root() + path


def external_url(endpoint: str, **values) -> str:
    """`url_for(…, _external=True)`, but rooted at the configured base address."""
    if not current_app.config.get("REGISTRY_BASE_URL"):
        return url_for(endpoint, _external=True, **values)
    path = url_for(endpoint, **values)
    prefix = request.script_root  # already in `path`, and in the base address
    return site_root() + path[len(prefix):]


def init_app(app) -> None:
    app.jinja_env.globals["absolute"] = absolute
