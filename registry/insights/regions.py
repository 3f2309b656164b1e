"""The map of French regions shipped in `static/maps/` (Natural Earth, public domain):
loading and checking its outlines. Regions carry their INSEE code, which is how
practices located by the official geography (`geography.py`) find their place on it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


class RegionMapError(ValueError):
    """The map file is missing or malformed; the message says where and why."""


@dataclass(frozen=True)
class Region:
    code: str  # INSEE region code
    name: str
    path: str  # SVG path data in the map's viewBox
    label: tuple[float, float]
    box: tuple[float, float, float, float] | None = None  # frame of an overseas inset


@dataclass(frozen=True)
class RegionMap:
    view_box: str
    regions: dict[str, Region]
    source: str
    licence: str


def read_json(path: Path, error: type[Exception]):
    """A shipped JSON data file, or `error` naming the file and what is wrong."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from exc
    except ValueError as exc:
        raise error(f"{path}: not valid JSON ({exc})") from exc


def load_region_map(path: Path) -> RegionMap:
    """Read and check the map file; `RegionMapError` says what is wrong."""
    data = read_json(path, RegionMapError)
    try:
        regions = {}
        for i, item in enumerate(data["regions"]):
            box = item.get("box")
            regions[str(item["code"])] = Region(
                str(item["code"]), str(item["name"]), str(item["path"]),
                (float(item["label"][0]), float(item["label"][1])),
                tuple(float(v) for v in box) if box else None)
            if not regions[str(item["code"])].path.startswith("M"):
                raise ValueError(f"regions[{i}].path is not SVG path data")
        return RegionMap(str(data["viewBox"]), regions, str(data["source"]),
                         str(data["licence"]))
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise RegionMapError(f"{path}: {detail}") from exc
