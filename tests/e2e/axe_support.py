"""axe-core in the browser tests: the violations of a page, as short tuples."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
ENHANCED = {"rules": {"color-contrast-enhanced": {"enabled": True}}}


def violations(page, enhanced: bool = False, impacts=None) -> list[tuple]:
    """(rule, impact, first targets) of each violation; `enhanced` adds AAA contrast,
    `impacts` keeps only those impacts (e.g. serious and critical)."""
    results = AXE.run(page, options=ENHANCED if enhanced else None)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if not impacts or v["impact"] in impacts]


def assert_no_violations(page, enhanced: bool = False, impacts=None) -> None:
    found = violations(page, enhanced, impacts)
    assert found == [], f"{page.url}: {found}"
