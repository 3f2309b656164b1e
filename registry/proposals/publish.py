"""Publishing an accepted proposal: its page and its reference written to the content
folder, checked by the same loader as `flask content check` (nothing is kept when a check
fails), committed to git when the content is a work tree, and the search index updated."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from ..content.loader import load_content
from ..content.writeback import WriteError, commit, yaml_scalar
from .markdown import page_markdown, reference_id, slug_for


class PublishError(RuntimeError):
    """The page could not be published; `problems` says why (nothing was changed)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(tmp, path)


def reference_block(proposal, today: dt.date) -> str:
    """The references.yaml entry the published page cites (values JSON-quoted)."""
    data = proposal.data or {}
    fields = {"id": reference_id(proposal.id), "file": None,
              "title": f"Proposition n° {proposal.id} au registre : {proposal.title}",
              "authors": data.get("porteur") or None, "publisher": None,
              "year": (proposal.submitted_at or dt.datetime.now(dt.UTC)).year, "pages": None,
              "kind": "contribution", "cited_in": None,
              "note": f"Pratique décrite par l’équipe qui la porte ; proposition revue et "
                      f"acceptée le {today.isoformat()}."}
    return "\n" + "".join(f"  {'- ' if i == 0 else '  '}{key}: {yaml_scalar(value)}\n"
                          for i, (key, value) in enumerate(fields.items()))


def publish(proposal, root: Path, tax, taken, level: str, justification: str,
            author: str) -> tuple[str, str | None]:
    """Write, check and commit the page; returns (slug, commit id or None)."""
    today = dt.date.today()
    slug = slug_for(proposal.title or "pratique", taken)
    page = root / "monographies" / f"{slug}.md"
    references = root / "references.yaml"
    old_references = references.read_text(encoding="utf-8")
    if reference_id(proposal.id) in old_references:
        raise PublishError([f"references.yaml already has {reference_id(proposal.id)}"])
    _write(references, old_references.rstrip("\n") + "\n" + reference_block(proposal, today))
    _write(page, page_markdown(proposal.data or {}, tax, proposal.id, slug, today, level,
                               justification))
    ours = (f"monographies/{slug}.md", "references.yaml")
    content = load_content(root)
    problems = [str(p) for p in content.problems if p.path.endswith(ours)]
    if problems or slug not in content.entries:
        page.unlink(missing_ok=True)
        _write(references, old_references)
        raise PublishError(problems or [f"{slug}: not loaded"])
    try:
        sha = commit(root, [page, references], f"Publication de la proposition n° "
                     f"{proposal.id} : {proposal.title}", author)
    except WriteError as exc:
        page.unlink(missing_ok=True)
        _write(references, old_references)
        raise PublishError([str(exc)]) from exc
    return slug, sha
