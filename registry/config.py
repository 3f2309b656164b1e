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
        "REGISTRY_CONTENT_DIR": os.environ.get("REGISTRY_CONTENT_DIR",
                                               str(PROJECT_ROOT / "content")),
        "REGISTRY_INDEX_DIR": os.environ.get("REGISTRY_INDEX_DIR", str(instance / "index")),
        # Outline of the French regions (Natural Earth, public domain: static/maps/LICENCE.md).
        "REGISTRY_REGION_MAP": str(PROJECT_ROOT / "static" / "maps" / "france-regions.json"),
        "REGISTRY_BUILD_INDEX_ON_START": True,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "registry" / "translations"),
        "LANGUAGES": ("fr", "en"),
        "SEARCH_PER_PAGE": 20,
        "API_MAX_PER_PAGE": 100,
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
