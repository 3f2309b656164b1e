"""The one shape in which content problems are reported."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in a content file: `path:field: reason`."""

    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.field}: {self.reason}"

