"""Easy-to-read (FALC) text → HTML: one span per sentence, easy words explained beside
their first use, pictograms beside headings. Sanitized with the site's one sanitizer."""
from __future__ import annotations

import re

import markdown
from markupsafe import escape

from .documents import same_spaces
from .render import html_to_text, sanitize

FALC_LINE = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)?(?!#)(\S.*)$")
LINK_MARKUP = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def render_falc(text: str, words=(), pictures=None, ids: str = "phrase") -> str:
    """Easy-to-read text: each line (one sentence) becomes a <span class="phrase">.

    The spans show each sentence on its own line and let the « Écouter » button
    read and highlight one sentence at a time. No glossary links: they would lead
    to professional pages. Instead, each word of the easy glossary (`words`, see
    easy_words.py) is shown in bold where it first occurs, with its explanation next to
    the sentence. `pictures` maps a `##` heading's text to the (address, alternative
    text) of the pictogram shown beside it; `ids` prefixes the spans' ids.
    """
    explained: set[str] = set()
    lines: list[str] = []
    in_list = False
    number = 0
    for line in text.splitlines():
        match = FALC_LINE.match(line)
        if match and not line.lstrip().startswith("#"):
            marker, sentence = match.group(1) or "", match.group(2)
            number += 1
            if marker and not in_list and lines and lines[-1].strip() \
                    and not lines[-1].lstrip().startswith("#"):
                lines.append("")  # a list right under a sentence is still a list
            elif not marker and in_list and not line.startswith(" "):
                lines.append("")  # and the sentence after it is not its last item
            in_list = bool(marker) or (in_list and line.startswith(" "))
            body, notes = _explain(str(escape(sentence)), words, explained)
            line = f'{marker}<span class="phrase" id="{ids}-{number}">{body}</span>{notes}'
        else:
            in_list = False
        lines.append(line)
    html = markdown.markdown("\n".join(lines), extensions=["sane_lists", "attr_list"])
    # Markdown inside the spans (bold, links) was escaped above: restore the two we allow.
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"\[([^\]]+)\]\((/[^)\s]*)\)", r'<a href="\2">\1</a>', html)
    html = html.replace(WORD_OPEN, '<strong class="easy-word">').replace(WORD_CLOSE, "</strong>")
    html = sanitize(html)
    return _with_pictures(html, pictures) if pictures else html


def _with_pictures(html: str, pictures: dict[str, tuple[str, str]]) -> str:
    """Each `##` heading named in `pictures` gets its pictogram in front of its text
    (after sanitizing: the address is the site's own, the alternative text escaped)."""
    pictures = {same_spaces(heading): value for heading, value in pictures.items()}

    def add(match: re.Match) -> str:
        found = pictures.get(same_spaces(html_to_text(match.group(2))))
        if found is None:
            return match.group(0)
        src, alt = found
        return (f'{match.group(1)}<img class="picto" src="{escape(src)}" alt="{escape(alt)}" '
                f'width="48" height="48"> {match.group(2)}</h2>')
    return re.sub(r"(<h2[^>]*>)(.*?)</h2>", add, html)


WORD_OPEN, WORD_CLOSE = "\ue000", "\ue001"  # where an explained word starts and ends (private use)


def _explain(sentence: str, words, explained: set[str]) -> tuple[str, str]:
    """The sentence with the easy words it explains first marked, and their notes."""
    found = []
    for word in words:
        if word.word in explained:
            continue
        for match in word.pattern.finditer(sentence):
            inside_link = any(a <= match.start() < b
                              for a, b in (m.span() for m in LINK_MARKUP.finditer(sentence)))
            if not inside_link:
                found.append((match.start(), match.end(), word))
                break
    found.sort(key=lambda f: (f[0], -f[1]))
    taken, notes, end = [], [], -1
    for start, stop, word in found:
        if start < end:
            continue  # overlaps a longer word found first
        taken.append((start, stop))
        end = stop
        explained.add(word.word)
        notes.append(f'<span class="easy-def"><strong>{escape(word.word)}</strong> '
                     f'{escape(word.definition)}</span>')
    for start, stop in reversed(taken):
        bold = sentence[:start].count("**") % 2 == 1  # already in bold: keep it so
        if not bold:
            sentence = sentence[:start] + WORD_OPEN + sentence[start:stop] + WORD_CLOSE \
                + sentence[stop:]
    return sentence, "".join(notes)


def falc_phrases(text: str) -> list[str]:
    """The sentences of an easy-to-read text, numbered from 1 as `render_falc` numbers
    its spans (`id="phrase-N"`), as plain text."""
    return [LINK_MARKUP.sub(r"\1", m.group(2)).replace("**", "")
            for m in map(FALC_LINE.match, text.splitlines())
            if m and not m.group(0).lstrip().startswith("#")]
