"""The project's one rich-text field. Swap the editor here and nowhere else.

Editors write in django-prose-editor (Tiptap/ProseMirror). Whatever the browser sends, the HTML is cleaned with an
nh3 allow-list on the server: in form validation (so the editor sees what will be kept) and again just before the
value is written, so content saved from code, a shell or a fixture is held to the same rules.
"""

import nh3
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

#: What editors may use: paragraphs, h2-h4, lists, links, bold, italic and quotations. The sanitiser's allow-list
#: is derived from this same configuration, so the editor's toolbar and the server always agree.
EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
    "HTML": True,
}


def _cleaner():
    allowed = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    # Only the attributes listed per tag; nh3 would otherwise allow "lang" and "title" on every element.
    allowed["attributes"] = {"*": set(), **allowed.get("attributes", {})}
    return nh3.Cleaner(**allowed)


_CLEANER = _cleaner()


def _clean(html):
    cleaned = _CLEANER.clean(html or "")
    # An editor with nothing in it still sends one empty paragraph: store an empty text.
    return "" if cleaned in ("<p></p>", "") else cleaned


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", _clean)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # ``obj.<name>_html``: the stored, already-sanitised HTML, ready for a template.
        setattr(cls, f"{name}_html", property(lambda obj: mark_safe(getattr(obj, name))))  # noqa: S308


def sanitize(html):
    """Clean a piece of HTML with the same allow-list as every rich-text field."""
    return _clean(html)
