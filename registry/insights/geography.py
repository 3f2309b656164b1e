"""The official geography (INSEE's Code officiel géographique, through the npm package
@etalab/decoupage-administratif, Licence Ouverte; see static/maps/geography.json and
tools/make_geography.py): where a practice lies, from the place its sources name.

A place is located by its region when the sources name one; else by its department;
else by its town, when exactly one commune bears that name, or, among homonyms, in
the department the sources give. A town shared by several communes, with no
department, is located in the most populous of them, and the location says so
(`homonyms`), for the page to tell the reader.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.problems import Problem
from ..content.text import fold
from .regions import read_json


class GeographyError(ValueError):
    """The geography file is missing or malformed; the message says where and why."""


@dataclass(frozen=True)
class Location:
    region_code: str | None
    region: str | None
    department_code: str | None
    department: str | None
    how: str  # "region", "department", "town", "unknown" (a name not found) or "none"
    unknown: str | None = None  # the name the geography does not know
    homonyms: int = 0  # communes sharing the town's name, when one had to be chosen

    @property
    def derived(self) -> bool:
        """Whether the page shows more than the sources wrote (a region or department
        taken from the official geography)."""
        return self.how in ("department", "town")


@dataclass(frozen=True)
class Geography:
    source: str
    licence: str
    regions: dict[str, str]  # code → name
    departments: dict[str, tuple[str, str]]  # code → (name, region code)
    region_codes: dict[str, str]  # folded name or alias → code
    department_codes: dict[str, str]  # folded name → code
    communes: dict[str, list[tuple[str, int]]]  # folded name → [(department, population)]

    def locate(self, place: dict | None) -> Location:
        place = place or {}
        region, department, town = (place.get(k) for k in ("region", "department", "town"))
        if region:
            code = self.region_codes.get(fold(region))
            if code is None:
                return Location(None, None, None, None, "unknown", region)
            dept = self.department_codes.get(fold(department)) if department else None
            return Location(code, self.regions[code], dept,
                            self.departments[dept][0] if dept else None, "region")
        if department:
            code = self.department_codes.get(fold(department))
            if code is None:
                return Location(None, None, None, None, "unknown", department)
            return self._in_department(code, "department")
        if town:
            found = self.communes.get(fold(town))
            if not found:
                return Location(None, None, None, None, "unknown", town)
            dept, _population = max(found, key=lambda c: c[1])
            located = self._in_department(dept, "town")
            if len(found) > 1:
                return Location(*[getattr(located, f) for f in (
                    "region_code", "region", "department_code", "department", "how")],
                    homonyms=len(found))
            return located
        return Location(None, None, None, None, "none")

    def _in_department(self, code: str, how: str) -> Location:
        name, region = self.departments[code]
        return Location(region, self.regions.get(region), code, name, how)


# Names the sources use for a region besides its official one.
REGION_ALIASES = {"PACA": "93"}


def _typography(name) -> str:
    """An official name as the site writes it (typographic apostrophe)."""
    return str(name).replace("'", "’")


def load_geography(path: Path) -> Geography:
    """Read and check the geography file; `GeographyError` says what is wrong."""
    data = read_json(path, GeographyError)
    try:
        regions = {str(k): _typography(v) for k, v in data["regions"].items()}
        departments = {str(k): (_typography(v["name"]), str(v["region"]))
                       for k, v in data["departments"].items()}
        communes: dict[str, list[tuple[str, int]]] = {}
        for name, found in data["communes"].items():
            communes.setdefault(fold(name), []).extend((str(d), int(p)) for d, p in found)
        stray = sorted({d for found in communes.values() for d, _p in found} - set(departments))
        stray += sorted({r for _n, r in departments.values()} - set(regions))
        if stray:
            raise ValueError(f"codes {', '.join(stray[:5])} name no department or region")
        region_codes = {fold(name): code for code, name in regions.items()}
        region_codes |= {fold(alias): code for alias, code in REGION_ALIASES.items()}
        return Geography(str(data["source"]), str(data["licence"]), regions, departments,
                         region_codes, {fold(n): c for c, (n, _r) in departments.items()},
                         communes)
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise GeographyError(f"{path}: {detail}") from exc


def check_places(entries, geography: Geography) -> list[Problem]:
    """Place names of the entries that the official geography does not know, or that
    disagree with each other (a department outside the region, a town outside the
    department)."""
    problems = []
    for entry in entries:
        place = entry.meta.get("place") or {}
        region, department, town = (place.get(k) for k in ("region", "department", "town"))
        region_code = geography.region_codes.get(fold(region)) if region else None
        department_code = geography.department_codes.get(fold(department)) if department else None
        if region and not region_code:
            problems.append(Problem(entry.path, "place.region", f"{region!r} is not a region of "
                                    "the official geography (known: "
                                    f"{', '.join(sorted(geography.regions.values()))})"))
        if department and not department_code:
            problems.append(Problem(entry.path, "place.department",
                                    f"{department!r} is not a department of the official "
                                    "geography"))
        elif department_code and region_code and \
                geography.departments[department_code][1] != region_code:
            problems.append(Problem(entry.path, "place", f"{department} is in "
                                    f"{geography.regions[geography.departments[department_code][1]]}"
                                    f", not in {geography.regions[region_code]}"))
        if town:
            found = geography.communes.get(fold(town), [])
            if not found:
                problems.append(Problem(entry.path, "place.town", f"{town!r} is not a commune "
                                        "of the official geography"))
            elif department_code and department_code not in {d for d, _p in found}:
                where = ", ".join(sorted(geography.departments[d][0] for d, _p in found))
                problems.append(Problem(entry.path, "place.town", f"no commune {town!r} in "
                                        f"{department} (communes of that name: {where})"))
    return problems
