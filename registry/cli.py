"""`flask content …`, `flask index …` and `flask translate …` commands."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .config import PROJECT_ROOT
from .content.problems import Problem
from .insights.geography import check_places
from .services import catalog, geography, region_map

content_cli = AppGroup("content", help="Check the content files.")
index_cli = AppGroup("index", help="Build the search index.")
falc_cli = AppGroup("falc", help="Check the easy-to-read (FALC) texts.")
translate_cli = AppGroup("translate", help="Extract, update and compile interface translations.")

TRANSLATIONS = Path(__file__).parent / "translations"
POT = PROJECT_ROOT / "messages.pot"


@content_cli.command("check")
def content_check() -> None:
    """Validate every content file; print `path:field: reason` per problem, exit 1 on any."""
    content = catalog.load(log_problems=False)
    problems = sorted(set(content.problems + _place_problems(content.entries.values())))
    for problem in problems:
        click.echo(str(problem))
    count = len(content.entries)
    if problems:
        click.echo(f"{len(problems)} problem(s) in content ({count} valid files).", err=True)
        sys.exit(1)
    click.echo(f"content OK: {count} documents.")


@content_cli.command("sync")
def content_sync() -> None:
    """Pull the content from its git remote (other nodes' publications), reload it and
    update the search index. Safe on a schedule: one run at a time (a lock file), and
    content with problems is never indexed."""
    import fcntl

    from .content.writeback import WriteError, pull
    from .search import index_exists, update

    root = catalog.root
    lock_path = Path(current_app.instance_path) / "content-sync.lock"
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            click.echo("another sync is running; nothing done.", err=True)
            sys.exit(0)
        try:
            moved = pull(root)
        except WriteError as exc:
            click.echo(f"sync refused: {exc}", err=True)
            sys.exit(1)
        _load_valid_content("index not updated")
        index_dir = Path(current_app.config["REGISTRY_INDEX_DIR"])
        summary = update(catalog, index_dir) if index_exists(index_dir) else None
    changed = f"; index: {summary['changed']} changed" if summary else "; no index yet"
    click.echo(f"content {moved}{changed}.")


def _place_problems(entries) -> list[Problem]:
    """Places the official geography does not know (or a geography file, or a map of
    regions, that cannot be read)."""
    problems = [Problem(str(data.path), "file", data.error or "cannot be read")
                for data in (region_map, geography) if data.get() is None]
    geo = geography.get()
    return problems + (check_places(entries, geo) if geo else [])


def _load_valid_content(refusal: str) -> None:
    """Reload content; on any problem print them and exit 1: never index broken content."""
    content = catalog.load(log_problems=False)
    if content.problems:
        for problem in content.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{refusal}: fix the content problems above first.", err=True)
        sys.exit(1)


@index_cli.command("build")
def index_build() -> None:
    """Build the whole search index into a new directory, then swap it in."""
    from .models import IndexBuild
    from .search import rebuild

    _load_valid_content("index not built")
    summary = rebuild(catalog, Path(current_app.config["REGISTRY_INDEX_DIR"]))
    IndexBuild.record(summary, "cli")
    click.echo(f"index built: {summary['document_count']} documents in "
               f"{summary['duration_ms']} ms.")


@falc_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--quiet", is_flag=True, help="Only the problems, not each page's figures.")
def falc_check(paths: tuple[str, ...], quiet: bool) -> None:
    """Lint every *.falc.md of the content (or those PATHS name, drafts outside the content
    included): `path:line: rule: message`; exit 1 on errors, 2 when a PATH holds no
    easy-to-read text."""
    from .content.falc import easy_files, lint_catalog, lint_files

    named = [Path(p).resolve() for p in paths]
    files = []
    for shown, path in zip(paths, named, strict=True):
        found = easy_files(path)
        if not found:
            click.echo(f"{shown}: no easy-to-read text (*.falc.md) here.", err=True)
            sys.exit(2)
        files += found
    catalog.load(log_problems=False)  # read the files as they are now
    reports, problems = lint_catalog(catalog, named)
    more, more_problems = lint_files(catalog, files, {r.path for r in reports}
                                     | {p.path for p in problems})
    reports, problems = reports + more, problems + more_problems
    for problem in problems:
        click.echo(str(problem))
    for report in reports:
        for finding in report.findings:
            click.echo(str(finding))
        if not quiet:
            click.echo(report.summary())
    errors = len(problems) + sum(len(r.errors) for r in reports)
    warnings = sum(len(r.findings) - len(r.errors) for r in reports)
    click.echo(f"{len(reports)} FALC texts: {errors} error(s), {warnings} warning(s).")
    if errors:
        sys.exit(1)


@falc_cli.command("feedback")
def falc_feedback() -> None:
    """« Je n’ai pas compris »: marks per easy page and per sentence, most marked first;
    marks left on an older version of a text are counted apart."""
    from sqlalchemy import func

    from .content.easy_render import falc_phrases
    from .extensions import db
    from .models import EasyFeedback

    catalog.load(log_problems=False)
    rows = db.session.execute(
        db.select(EasyFeedback.page, EasyFeedback.sentence, EasyFeedback.text_digest,
                  func.count()).group_by(EasyFeedback.page, EasyFeedback.sentence,
                                         EasyFeedback.text_digest)).all()
    if not rows:
        click.echo("no « Je n’ai pas compris » mark yet.")
        return
    pages: dict[str, list] = {}
    for slug, sentence, digest, count in rows:
        pages.setdefault(slug, []).append((sentence, digest, count))
    for slug, marks in sorted(pages.items(), key=lambda kv: -sum(m[2] for m in kv[1])):
        entry = catalog.get(slug)
        text = entry.falc if entry is not None else None
        phrases = falc_phrases(text.body) if text else []
        current = [m for m in marks if text and m[1] == text.digest]
        older = sum(m[2] for m in marks if not text or m[1] != text.digest)
        click.echo(f"{slug}: {sum(m[2] for m in current)} mark(s) on this version"
                   + (f", {older} on older versions" if older else ""))
        for sentence, _digest, count in sorted(current, key=lambda m: (-m[2], m[0] or 0)):
            where = "the whole page" if sentence is None else \
                f"sentence {sentence}: {phrases[sentence - 1] if sentence <= len(phrases) else '?'}"
            click.echo(f"  {count:>4}  {where}")


@index_cli.command("update")
def index_update() -> None:
    """Re-index only the files whose content changed (and drop removed ones)."""
    from .search import index_exists, update

    index_dir = Path(current_app.config["REGISTRY_INDEX_DIR"])
    _load_valid_content("index not updated")
    if not index_exists(index_dir):
        click.echo("no index yet: run `flask index build`.", err=True)
        sys.exit(1)
    summary = update(catalog, index_dir)
    click.echo(f"index updated: {summary['changed']} changed, {summary['removed']} removed, "
               f"{summary['total']} documents, in {summary['duration_ms']} ms.")


def _babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=PROJECT_ROOT)


@translate_cli.command("update")
def translate_update() -> None:
    """Extract interface strings and merge them into every catalog."""
    # `N_` marks labels kept as data (content kinds) and translated when shown.
    _babel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "N_", "-o", str(POT), ".")
    _babel("update", "-i", str(POT), "-d", str(TRANSLATIONS))
    POT.unlink()


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the .po catalogs into .mo files."""
    _babel("compile", "-d", str(TRANSLATIONS))
