"""Security headers on every response."""
from __future__ import annotations

# No inline scripts or styles anywhere: everything comes from /static.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


HSTS = "max-age=31536000"  # one year; only sent when the site's address is https


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _add_hsts(response):
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app) -> None:
    app.after_request(_add_headers)
    if (app.config["REGISTRY_BASE_URL"] or "").startswith("https://"):
        app.after_request(_add_hsts)
