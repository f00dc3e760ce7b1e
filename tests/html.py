"""Reading HTML in tests as a person or a browser would. The form reading is shared with the scripts."""

import re
from html.parser import HTMLParser

from scripts.htmlforms import form_data

__all__ = ["form_data", "normalise", "visible_text"]


def normalise(text):
    """Collapse all whitespace, including non-breaking spaces, to single spaces."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


def visible_text(html):
    """The page's text, whitespace normalised."""
    parser = _TextParser()
    parser.feed(html)
    return normalise(" ".join(parser.chunks))
