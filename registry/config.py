"""Configuration defaults; the only module that reads the environment."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def defaults(instance_path: str, need_secret: bool = True) -> dict:
    """Config for a local or production run; tests override it through create_app."""
    instance = Path(instance_path)
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'registry.sqlite'}"
    if database.startswith("postgres://"):  # the scheme some hosts still hand out
        database = "postgresql://" + database[len("postgres://"):]
    if database.startswith("postgresql://"):
        database = "postgresql+psycopg://" + database[len("postgresql://"):]
    return {
        "SECRET_KEY": _secret_key(instance) if need_secret else None,
        "SQLALCHEMY_DATABASE_URI": database,
        # The site's public address (e.g. https://registre.example.org): every absolute
        # link (sitemap, feed, JSON-LD, share and edit links) starts with it, whatever
        # Host header a request carries. https here also turns on HSTS and secure cookies.
        "REGISTRY_BASE_URL": os.environ.get("REGISTRY_BASE_URL") or None,
        # Proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted (0: none).
        "REGISTRY_PROXY_COUNT": int(os.environ.get("REGISTRY_PROXY_COUNT", "0")),
        "REGISTRY_CONTENT_DIR": os.environ.get("REGISTRY_CONTENT_DIR",
                                               str(PROJECT_ROOT / "content")),
        "REGISTRY_INDEX_DIR": os.environ.get("REGISTRY_INDEX_DIR", str(instance / "index")),
        # Outline of the French regions (Natural Earth, public domain: static/maps/LICENCE.md).
        "REGISTRY_REGION_MAP": str(PROJECT_ROOT / "static" / "maps" / "france-regions.json"),
        "REGISTRY_GEOGRAPHY": str(PROJECT_ROOT / "static" / "maps" / "geography.json"),
        "REGISTRY_BUILD_INDEX_ON_START": True,
        # "text" (the default) or "json": one JSON object per log line, for log collectors.
        "REGISTRY_LOG_FORMAT": os.environ.get("REGISTRY_LOG_FORMAT", "text"),
        # How often a worker looks for changed content files (seconds; 0: never).
        "REGISTRY_CONTENT_CHECK_SECONDS": 2.0,
        # After failing to open the search index, how long before trying the same one again.
        "REGISTRY_SEARCH_RETRY_SECONDS": 5.0,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "registry" / "translations"),
        "LANGUAGES": ("fr", "en"),
        "SEARCH_PER_PAGE": 10,  # results a search page shows (ten, as search engines do)
        "API_PER_PAGE": 20,  # results of the API's search when `per_page` is not given
        "API_MAX_PER_PAGE": 100,
        # Whole request bodies (chunked ones too) and each form field: far above any form of
        # the site, far below what would strain a worker's memory.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 64 * 1024,
        # Rate limits per client address: every POST (forms and API) shares the first; new
        # evaluations also count against the second. In memory per process by default;
        # with several processes or machines, a shared store (e.g. redis://host:6379).
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # E-mail (outbox; sent only when MAIL_SERVER is set)
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "") == "1",
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "registre@localhost"),
        "MAIL_TIMEOUT": 5,
        "REGISTRY_EDITORS_EMAIL": os.environ.get("REGISTRY_EDITORS_EMAIL"),
        "REGISTRY_LIMIT_POSTS": "60 per minute",
        "REGISTRY_LIMIT_NEW_EVALUATIONS": "10 per minute;60 per day",
        "REGISTRY_LIMIT_FEEDBACK": "10 per minute;100 per day",  # « Je n’ai pas compris »
        "REGISTRY_LIMIT_PROPOSALS": "5 per minute;20 per day",  # new drafts per address
        "REGISTRY_REPLY_DAYS": 30,  # a contributor may answer a decision once, within this
        "REGISTRY_LIMIT_LOGIN": "5 per minute;30 per hour",  # per client address
        "REGISTRY_LIMIT_LOGIN_USER": "10 per hour",  # per user name tried
        "RATELIMIT_HEADERS_ENABLED": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        # A checklist step can take long to fill: the CSRF token lasts as long as the
        # session instead of expiring after an hour and refusing the typed answers.
        "WTF_CSRF_TIME_LIMIT": None,
        # The licence of the registry's own texts and data (the source documents keep theirs).
        "REGISTRY_LICENCE": {
            "name": "Creative Commons Attribution 4.0 (CC BY 4.0)",
            "url": "https://creativecommons.org/licenses/by/4.0/deed.fr",
            "note": "Les textes et les données du registre peuvent être copiés, modifiés et "
                    "diffusés, y compris à des fins commerciales, en citant le registre. Les "
                    "documents sources cités restent la propriété de leurs auteurs.",
        },
    }
