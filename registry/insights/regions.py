"""The map of French regions shipped in `static/maps/` (Natural Earth, public domain):
loading and checking it, and placing a practice's `place` on it.

A practice is placed by the region its front matter names, else by the region of
the department it names (from the map's own data). A town alone places nothing:
the registry does not guess.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..content.problems import Problem
from ..content.text import fold


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
class Placed:
    region: Region | None
    how: str  # "region", "department", "unknown" (a name the map lacks) or "none"
    unknown: str | None = None  # the name the map does not know


@dataclass(frozen=True)
class RegionMap:
    view_box: str
    regions: dict[str, Region]
    source: str
    licence: str
    names: dict[str, str] = field(default_factory=dict)  # folded name or alias → code
    departments: dict[str, str] = field(default_factory=dict)  # folded name → code

    def place(self, place: dict | None) -> Placed:
        place = place or {}
        region, department = place.get("region"), place.get("department")
        if region:
            code = self.names.get(fold(region))
            return Placed(self.regions[code], "region") if code else \
                Placed(None, "unknown", region)
        if department:
            code = self.departments.get(fold(department))
            return Placed(self.regions[code], "department") if code else \
                Placed(None, "unknown", department)
        return Placed(None, "none")


def load_region_map(path: Path) -> RegionMap:
    """Read and check the map file; `RegionMapError` says what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegionMapError(f"{path}: cannot be read ({exc.strerror})") from exc
    except ValueError as exc:
        raise RegionMapError(f"{path}: not valid JSON ({exc})") from exc
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
        names = {fold(r.name): code for code, r in regions.items()}
        names |= {fold(alias): str(code) for alias, code in data.get("aliases", {}).items()}
        departments = {fold(name): str(code) for name, code in data["departments"].items()}
        unknown = sorted((set(names.values()) | set(departments.values())) - set(regions))
        if unknown:
            raise ValueError(f"codes {', '.join(unknown)} name no region of the map")
        return RegionMap(str(data["viewBox"]), regions, str(data["source"]),
                         str(data["licence"]), names, departments)
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise RegionMapError(f"{path}: {detail}") from exc


def check_places(entries, rmap: RegionMap) -> list[Problem]:
    """Place names of the entries that the map does not know, or that disagree."""
    problems = []
    for entry in entries:
        place = entry.meta.get("place") or {}
        region, department = place.get("region"), place.get("department")
        code = rmap.names.get(fold(region)) if region else None
        if region and not code:
            known = ", ".join(sorted(r.name for r in rmap.regions.values()))
            problems.append(Problem(entry.path, "place.region",
                                    f"{region!r} is not a region of the map (known: {known})"))
        if department:
            dept_code = rmap.departments.get(fold(department))
            if not dept_code:
                problems.append(Problem(entry.path, "place.department",
                                        f"{department!r} is not a department of the map"))
            elif code and dept_code != code:
                problems.append(Problem(entry.path, "place", f"{department} is in "
                                        f"{rmap.regions[dept_code].name}, not in {region}"))
    return problems
