"""How readable the texts are: LIX, and link texts that say nothing out of context.

LIX (Björnsson's läsbarhetsindex) = words / sentences + 100 x long words / words, where a long word has more than
six letters. Sentences end at ".", ":", "!" and "?" and at the end of a paragraph, list item or heading. Numbers
count as words but never as long words.
"""

import functools
import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "br", "ul", "ol"}
# A number with points or dashes inside ("13.02.2017", "2015-2017") is one word.
WORD = re.compile(r"\d+(?:[.,/:-]\d+)*|[^\W_]+")
SENTENCE_END = re.compile(r"[.:!?]+(?=\s|$)")
SCALE = [
    (25, _("very easy")),
    (35, _("easy")),
    (45, _("medium")),
    (55, _("hard")),
]
VERY_HARD = _("very hard")


@dataclass
class _Text:
    blocks: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (href, text)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = _Text()
        self._current = []
        self._link = None

    def _end_block(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.result.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._end_block()
        elif tag == "a":
            self._link = [dict(attrs).get("href") or "", []]

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._end_block()
        elif tag == "a" and self._link:
            href, text = self._link
            self.result.links.append((href, " ".join("".join(text).split())))
            self._link = None

    def handle_data(self, data):
        self._current.append(data)
        if self._link:
            self._link[1].append(data)

    def close(self):
        super().close()
        self._end_block()
        return self.result


def parse(html):
    parser = _Parser()
    parser.feed(html or "")
    return parser.close()


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self):
        if not self.words:
            return None
        return math.floor(self.words / self.sentences + 100 * self.long_words / self.words + 0.5)

    @property
    def label(self):
        return self.label_of(self.value)

    @staticmethod
    def label_of(value):
        if value is None:
            return ""
        for limit, label in SCALE:
            if value < limit:
                return label
        return VERY_HARD

    @classmethod
    def describe(cls, value):
        """ "LIX 48 (hard)" for a stored value."""
        return "" if value is None else f"LIX {value} ({cls.label_of(value)})"

    def __add__(self, other):
        return Lix(self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words)

    def __str__(self):
        return self.describe(self.value)


def lix_of_blocks(blocks):
    words = sentences = long_words = 0
    for block in blocks:
        tokens = WORD.findall(block)
        if not tokens:
            continue
        words += len(tokens)
        long_words += sum(1 for token in tokens if len(token) > 6 and not any(c.isdigit() for c in token))
        sentences += len(SENTENCE_END.findall(block))
        # The end of a paragraph, list item or heading ends a sentence too, if no full stop did.
        if not block.endswith((".", ":", "!", "?")):
            sentences += 1
    return Lix(words, sentences, long_words)


@functools.lru_cache(maxsize=64)
def lix(html):
    """LIX of a piece of rich text (HTML) or plain text. Remembered for the last few texts: a theme page's form
    shows each text's LIX under its editor and again in its section's, 60 texts parsed twice."""
    return lix_of_blocks(parse(html).blocks)


WEAK_LINK_TEXTS = {"her", "læs her", "klik her", "tryk her", "se her", "læs mere", "mere", "link", "klik", "læs"}


def is_weak_link_text(text, target=""):
    """True when a link text says nothing on its own (WCAG 2.4.4): "her", "Læs mere", "Link til ...", a bare URL.
    A text that names what the link opens (``target``: its title) says enough: "Link til Videncenter for
    Velfærdsledelse" to the Videncenter for Velfærdsledelse."""
    plain = " ".join(re.sub(r"[^\w\s:/.]", " ", text.lower()).split()).strip(" .:")
    if not plain:
        return True
    if target and target.casefold() in text.casefold():
        return False
    if plain in WEAK_LINK_TEXTS or plain.startswith("link til"):
        return True
    if plain.endswith(" her"):  # "Du kan læse rapporten her"
        return True
    return bool(re.match(r"^(https?://|www\.)\S+$", plain))


def links(html):
    """The links in a piece of rich text, as (href, text) pairs."""
    return parse(html).links
