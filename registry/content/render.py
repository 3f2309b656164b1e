"""Markdown → HTML → sanitized HTML, with glossary terms linked on first use.

Sanitizing happens here and nowhere else: every HTML string the site shows
from content or user input goes through `sanitize`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

import bleach
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .kinds import BY_ID

GLOSSARY = BY_ID["glossaire"]

# Tags Markdown produces (with tables, attribute lists and heading ids), plus
# <abbr> for glossary acronyms. Nothing that runs code, embeds or styles.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
})
# `id` keeps heading anchors for the table of contents; `class` lets attribute
# lists pick a style from our stylesheet; never `style` or event handlers.
ALLOWED_ATTRIBUTES = {
    "*": ["id", "class"],
    "a": ["href", "title"],
    "abbr": ["title"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
}
# Links may only leave the page for the web or e-mail; no javascript:, data:…
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Inside these elements a glossary term is left alone.
NO_LINK_TAGS = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
SECTION_RE = re.compile(r'<h2 id="([^"]*)">(.*?)</h2>', re.S)


@dataclass(frozen=True)
class GlossaryTerm:
    """A form of a glossary entry to recognise in text (its title or an alias)."""

    text: str
    slug: str
    definition: str  # shown as the link's title
    expansion: str | None = None  # for acronyms, shown in <abbr title>

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]  # [{"id", "title", "level"}] for h2/h3
    sections: list[dict]  # [{"id", "title", "html"}] split on h2
    glossary: list[str]  # slugs of the glossary entries linked


def sanitize(html: str) -> str:
    """Remove every tag, attribute and URL scheme outside the allow-lists."""
    return bleach.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True)


class GlossaryMatcher:
    """Find glossary terms in text: acronyms by exact case, words case-insensitively."""

    def __init__(self, terms: list[GlossaryTerm]):
        self.exact = {t.text: t for t in terms if t.is_acronym}
        self.folded = {t.text.lower(): t for t in terms if not t.is_acronym}
        alts = sorted(self.exact, key=len, reverse=True)
        words = sorted(self.folded, key=len, reverse=True)
        parts = []
        if alts:
            parts.append("(?P<acr>" + "|".join(map(re.escape, alts)) + ")")
        if words:
            parts.append("(?i:(?P<word>" + "|".join(map(re.escape, words)) + "))")
        self.pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
                        if parts else None)

    def find(self, text: str):
        """Yield (start, end, term) for each occurrence in `text`."""
        if not self.pattern:
            return
        for m in self.pattern.finditer(text):
            term = self.exact[m.group("acr")] if m.groupdict().get("acr") else \
                self.folded[m.group("word").lower()]
            yield m.start(), m.end(), term


class _GlossaryLinker(Treeprocessor):
    def __init__(self, md, matcher: GlossaryMatcher, skip_slug: str | None):
        super().__init__(md)
        self.matcher = matcher
        self.skip_slug = skip_slug
        self.linked: list[str] = []

    def run(self, root):
        self._walk(root)

    def _walk(self, parent):
        if parent.tag in NO_LINK_TAGS:
            return
        children = list(parent)  # links inserted below are not walked again
        parent.text, new = self._link(parent.text)
        for i, el in enumerate(new):
            parent.insert(i, el)
        for child in children:
            self._walk(child)
            child.tail, new = self._link(child.tail)
            index = list(parent).index(child) + 1
            for j, el in enumerate(new):
                parent.insert(index + j, el)

    def _link(self, text):
        """Split `text` at the first uses of terms; return (head text, new elements)."""
        if not text:
            return text, []
        head, elements, last = None, [], 0
        for start, end, term in self.matcher.find(text):
            if term.slug in self.linked or term.slug == self.skip_slug:
                continue
            self.linked.append(term.slug)
            before = text[last:start]
            if elements:
                elements[-1].tail = before
            else:
                head = before
            link = ElementTree.Element("a", {"href": GLOSSARY.url({"slug": term.slug}),
                                             "class": "gloss", "title": term.definition})
            if term.is_acronym and term.expansion:
                abbr = ElementTree.SubElement(link, "abbr", {"title": term.expansion})
                abbr.text = text[start:end]
            else:
                link.text = text[start:end]
            elements.append(link)
            last = end
        if not elements:
            return text, []
        elements[-1].tail = text[last:]
        return head, elements


class _GlossaryExtension(Extension):
    def __init__(self, matcher, skip_slug):
        super().__init__()
        self.linker_args = (matcher, skip_slug)
        self.linker = None

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        self.linker = _GlossaryLinker(md, *self.linker_args)
        # After inline processing (priority 20), before prettify (10).
        md.treeprocessors.register(self.linker, "glossary", 15)


def _toc(tokens, depth=3):
    out = []
    for t in tokens:
        if t["level"] <= depth:
            out.append({"id": t["id"], "title": t["name"], "level": t["level"]})
            out += _toc(t["children"], depth)
    return out


def split_sections(html: str) -> list[dict]:
    """Cut rendered HTML at each <h2>; text before the first h2 is left out."""
    matches = list(SECTION_RE.finditer(html))
    sections = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(html)
        title = html_to_text(m.group(2))
        sections.append({"id": m.group(1), "title": title, "html": html[m.end():end].strip()})
    return sections


def render_markdown(text: str, matcher: GlossaryMatcher | None = None,
                    skip_slug: str | None = None) -> Rendered:
    """Render trusted-or-not Markdown to sanitized HTML with glossary links."""
    glossary = _GlossaryExtension(matcher, skip_slug) if matcher else None
    extensions = ["tables", "attr_list", "sane_lists", "toc"]
    md = markdown.Markdown(extensions=extensions + ([glossary] if glossary else []),
                           extension_configs={"toc": {"toc_depth": "2-3"}})
    html = sanitize(md.convert(text))
    return Rendered(html=html, toc=_toc(md.toc_tokens), sections=split_sections(html),
                    glossary=list(glossary.linker.linked) if glossary else [])


def html_to_text(html: str) -> str:
    """The text of an HTML fragment: tags and comments removed, entities unescaped,
    spaces collapsed. Read for its text only: never output as HTML."""
    return Markup(html).striptags()


def plain_text(markdown_text: str) -> str:
    """Text of a Markdown document without markup, for indexing and snippets."""
    html = markdown.markdown(markdown_text, extensions=["tables", "attr_list"])
    html = re.sub(r"</h[1-6]>", " — ", html)  # keep headings apart from the next sentence
    return html_to_text(html)
