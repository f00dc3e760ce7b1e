"""Reading an HTML form as a browser would submit it: for the scripts (bench, faults, scale-out) and the tests."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data = {}
        self._textarea = None
        self._select = None
        self._multiple = False
        self._options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "option":
            if self._select:
                self._options.append(attrs.get("value", ""))
                if "selected" in attrs:
                    self.data[self._select].append(attrs.get("value", ""))
            return
        name = attrs.get("name")
        if not name or "__prefix__" in name:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
                return
            self.data[name] = [attrs.get("value", "")]
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select":
            self._select = name
            self._multiple = "multiple" in attrs
            self._options = []
            self.data[name] = []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            # A single select with nothing selected submits its first option.
            if not self._multiple and not self.data[self._select] and self._options:
                self.data[self._select].append(self._options[0])
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def form_data(html, form_id=None):
    """The values a browser would submit for the form (the first, or the one with ``form_id``)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data = {}
    for name, values in parser.data.items():
        if not values:
            continue
        data[name] = values if len(values) > 1 else values[0]
    # A textarea's content starts after the newline that follows its opening tag.
    return {k: (v[1:] if isinstance(v, str) and v.startswith("\n") else v) for k, v in data.items()}
