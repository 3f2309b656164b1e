"""The pictograms of the easy-to-read pages (`content/pictogrammes.yaml`).

Each name maps to an OpenMoji picture (its code; the SVG is vendored under
static/pictos/openmoji/ by tools/vendor_openmoji.py) and to what the picture shows, in
easy words. Easy texts (front matter `pictures`) and the situations of /facile/ name
pictograms from this catalogue; the loader refuses any other name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .yamlfile import read_yaml

FILE = "pictogrammes.yaml"
CODE = re.compile(r"^[0-9A-F]{4,5}(?:-[0-9A-F]{4,5})*$")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Pictogram:
    name: str
    code: str  # OpenMoji code, the file name of the SVG
    shows: str  # what it shows, in easy words (the alternative text when meaningful)

    @property
    def file(self) -> str:
        return f"pictos/openmoji/{self.code}.svg"


@dataclass(frozen=True)
class PictogramSet:
    pictograms: dict[str, Pictogram]
    credit: dict  # name, version, licence, url of the picture set


def load_pictograms(path: Path, shown: str) -> tuple[PictogramSet, list[Problem]]:
    """The catalogue; a missing file is an empty catalogue (texts naming pictograms are
    then reported by the cross-check)."""
    empty = PictogramSet({}, {})
    if not path.exists():
        return empty, []
    data, problems = read_yaml(path, shown)
    if data is None:
        return empty, problems
    credit, items = data.get("source"), data.get("pictogrammes")
    if not isinstance(credit, dict) or not {"name", "version", "licence", "url"} <= set(credit):
        problems.append(Problem(shown, "source", "must give name, version, licence, url"))
        credit = {}
    if not isinstance(items, dict):
        return empty, problems + [Problem(shown, "pictogrammes", "must map names to "
                                          "{openmoji, montre}")]
    pictos = {}
    for name, item in items.items():
        where = f"pictogrammes.{name}"
        if not isinstance(name, str) or not NAME.match(name):
            problems.append(Problem(shown, where, "name: lower-case words joined by -"))
        elif not isinstance(item, dict) or set(item) != {"openmoji", "montre"}:
            problems.append(Problem(shown, where, "must have exactly openmoji, montre"))
        elif not CODE.match(str(item["openmoji"])):
            problems.append(Problem(shown, f"{where}.openmoji", "an OpenMoji code such as "
                                    "1F3E5 or 1F9D1-200D-2695-FE0F"))
        elif not isinstance(item["montre"], str) or not item["montre"].strip():
            problems.append(Problem(shown, f"{where}.montre", "must say what it shows"))
        else:
            pictos[name] = Pictogram(name, str(item["openmoji"]), item["montre"].strip())
    return PictogramSet(pictos, credit), problems


def check_pictures(entries, pictos: PictogramSet) -> list[Problem]:
    """Every picture of an easy text names a pictogram of the catalogue."""
    problems = []
    for entry in entries.values():
        for i, picture in enumerate(entry.falc.pictures if entry.falc else ()):
            if picture.picto not in pictos.pictograms:
                problems.append(Problem(entry.falc.path, f"pictures[{i}].picto",
                                        f"unknown pictogram {picture.picto!r} (see {FILE})"))
    return problems
