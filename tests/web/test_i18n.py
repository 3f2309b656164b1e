"""The English interface is complete: every string in code and templates is translated."""
from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from registry.config import PROJECT_ROOT

CATALOG = PROJECT_ROOT / "registry" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("registry/**.py", "python"), ("templates/**.html", "jinja2")]


def extracted_ids() -> set[str]:
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), METHODS, keywords={"_": None, "_l": None, "N_": None,
                                                  "gettext": None, "ngettext": (1, 2)}):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def test_every_interface_string_has_an_english_translation():
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = sorted(i for i in extracted_ids() if i not in translated)
    fuzzy_or_empty = sorted(
        key for key, m in translated.items()
        if m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    assert missing == [], f"run `flask translate update` and translate: {missing}"
    assert fuzzy_or_empty == []


def test_interface_typography_in_both_languages():
    """French: a no-break space before « : ; ? ! » and inside « »; English: no space
    before those marks (no French typography leaking into English strings)."""
    import re

    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle)
    french, english = [], []
    for message in catalog:
        if not message.id:  # the catalog's header
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        french += [i for i in ids if i and re.search(r" [:;?!»]|« ", i)]
        english += [s for s in strings if s and re.search(r"[ \u00a0\u202f][:;?!]|[«»]", s)]
    assert french == [] and english == []
