"""Load `content/references.yaml`: the documents content cites in `sources`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .text import SLUG_RE
from .yamlfile import read_yaml

KINDS = {"rapport", "diaporama", "bibliographie", "guide", "article", "ouvrage", "site-web",
         "texte-officiel", "fiche", "outil", "autre", "contribution"}
FIELDS = ("id", "file", "title", "authors", "publisher", "year", "pages", "kind", "cited_in",
          "note")


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    kind: str
    file: str | None = None
    authors: str | None = None
    publisher: str | None = None
    year: int | None = None
    pages: int | None = None
    cited_in: str | None = None
    note: str | None = None
    url: str | None = None

    @property
    def is_source(self) -> bool:
        """One of the source documents the registry is written from."""
        return self.file is not None


def load_references(path: Path, shown: str) -> tuple[dict[str, Reference], list[Problem]]:
    """Parse the references file; every reference is addressable by its id and its file."""
    data, problems = read_yaml(path, shown)
    if data is None:
        return {}, problems
    items = data.get("references")
    if not isinstance(items, list):
        return {}, [Problem(shown, "references", "expected a list of references")]
    refs: dict[str, Reference] = {}
    for i, item in enumerate(items):
        where = f"references[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem(shown, where, "expected a mapping"))
            continue
        missing = [f for f in FIELDS if f not in item]
        unknown = [f for f in item if f not in FIELDS + ("url",)]
        rid = item.get("id")
        if missing or unknown:
            reason = (f"missing {', '.join(missing)}" if missing else "") + \
                     ("; " if missing and unknown else "") + \
                     (f"unknown {', '.join(unknown)}" if unknown else "")
            problems.append(Problem(shown, where, reason))
            continue
        if not isinstance(rid, str) or not SLUG_RE.match(rid):
            problems.append(Problem(shown, f"{where}.id", "must be a lowercase hyphenated id"))
            continue
        if rid in refs:
            problems.append(Problem(shown, f"{where}.id", f"duplicate id {rid!r}"))
            continue
        if item["kind"] not in KINDS:
            problems.append(Problem(shown, f"{where}.kind", f"unknown kind {item['kind']!r} "
                                    f"(allowed: {', '.join(sorted(KINDS))})"))
            continue
        if not isinstance(item["title"], str) or not item["title"].strip():
            problems.append(Problem(shown, f"{where}.title", "must be a non-empty text"))
            continue
        bad_int = [f for f in ("year", "pages") if item[f] is not None and
                   (not isinstance(item[f], int) or isinstance(item[f], bool))]
        if bad_int:
            problems.append(Problem(shown, f"{where}.{bad_int[0]}", "must be an integer or null"))
            continue
        refs[rid] = Reference(**{k: item.get(k) for k in FIELDS + ("url",)})
    for ref in refs.values():
        if ref.cited_in is not None and ref.cited_in not in refs:
            problems.append(Problem(shown, f"{ref.id}.cited_in", f"unknown reference "
                                    f"{ref.cited_in!r}"))
    return refs, problems


def resolve(refs: dict[str, Reference], document: str) -> Reference | None:
    """The reference a `sources` item names, by id or by source file name."""
    if document in refs:
        return refs[document]
    return next((r for r in refs.values() if r.file == document), None)
