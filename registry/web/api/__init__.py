"""The JSON API (`/api/v1`) and its OpenAPI document: one blueprint, whose routes are
grouped by subject in the modules imported here."""
from . import documents, evaluations, meta  # noqa: F401 (each adds its routes to `bp`)
from .blueprint import bp

__all__ = ["bp"]
