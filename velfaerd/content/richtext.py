"""The project's one rich-text field. Swap the editor here and nowhere else.

Editors write in django-prose-editor (Tiptap/ProseMirror). Whatever the browser sends, the HTML is cleaned with an
nh3 allow-list on the server: in form validation (so the editor sees what will be kept) and again just before the
value is written, so content saved from code, a shell or a fixture is held to the same rules.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField

from velfaerd.content.readability import links
from velfaerd.content.text import without_controls

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


LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# A host name typed without "https://", such as "www.kl.dk/velfaerd" (not "rapport.pdf": a file, not a host).
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?P<tld>[a-z]{2,24})(?::\d{1,5})?(?:[/?#].*)?", re.I)
_FILE_EXTENSIONS = {"pdf", "htm", "html", "php", "asp", "aspx", "jpg", "jpeg", "png", "gif", "webp", "svg", "txt"}
_FILE_EXTENSIONS |= {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "csv", "zip"}
_EMAIL = re.compile(r"[^@\s/:]+@(?:[a-z0-9-]+\.)+[a-z]{2,24}", re.I)


def normalise_href(href):
    """The address a link should have, or None when ``href`` cannot be a link: "www.kl.dk/velfaerd" becomes
    "https://www.kl.dk/velfaerd", "navn@kl.dk" becomes "mailto:navn@kl.dk"; addresses on this site ("/leder/",
    "#afsnit") stay; other schemes ("javascript:"), empty and relative addresses cannot be links."""
    href = (href or "").strip()
    if not href:
        return None
    if href.startswith("//"):
        return f"https:{href}"
    if href.startswith(("/", "#", "?")):
        return href
    if (host := _HOST.fullmatch(href)) and host["tld"].lower() not in _FILE_EXTENSIONS:
        return f"https://{href}"
    if _EMAIL.fullmatch(href):
        return f"mailto:{href}"
    parts = urlsplit(href)
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return None
    return href


#: A link's reference to an item of the site (velfaerd/redirects/references.py): "app_label.model_name:pk".
_REFERENCE = re.compile(r"[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*:\d{1,19}")

#: Set by the redirects app: ``mark(html)`` gives links to the site's items their reference when text is saved;
#: ``render(html)`` shows each at its item's address now, ``for_editing(html)`` too but as an editor opens it.
#: Until then, links are kept and shown as typed.
HOOKS = {"mark": None, "render": None, "for_editing": None}


def _attribute(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return normalise_href(value)
    if tag == "a" and attribute == "data-ref":
        return value if _REFERENCE.fullmatch(value) else None
    return value


def _cleaner():
    allowed = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    # Only the attributes listed per tag; nh3 would otherwise allow "lang" and "title" on every element. A link may
    # carry its item's reference.
    allowed["attributes"] = {"*": set(), **allowed.get("attributes", {})}
    allowed["attributes"]["a"] = {*allowed["attributes"].get("a", set()), "data-ref"}
    return nh3.Cleaner(**allowed, attribute_filter=_attribute)


_CLEANER = _cleaner()
# What is left of a link whose address could not be used: its text stays, the empty link goes.
_LINK_WITHOUT_ADDRESS = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)


def _clean(html):
    cleaned = _LINK_WITHOUT_ADDRESS.sub(r"\1", _CLEANER.clean(without_controls(html or "")))
    # An editor with nothing in it still sends one empty paragraph: store an empty text.
    if cleaned in ("<p></p>", ""):
        return ""
    return HOOKS["mark"](cleaned) if HOOKS["mark"] is not None else cleaned


class RichTextFormField(ProseEditorFormField):
    """Says at the field which links cannot work, instead of storing them broken or empty."""

    def validate(self, value):
        super().validate(value)
        errors = [
            ValidationError(
                _(
                    "The link “%(text)s” goes to “%(href)s”, which is not a web address. Write the whole address, "
                    "e.g. https://www.kl.dk/, or remove the link."
                ),
                code="bad_link",
                params={"text": text.strip() or href, "href": href or ""},
            )
            for href, text in links(value or "")
            if normalise_href(href) is None
        ]
        if errors:
            raise ValidationError(errors)


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", _clean)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)

        # ``obj.<name>_html``: the stored, already-sanitised HTML, ready for a template.
        # Shown, not as markup, where the admin shows it read-only (to staff who may view but not change it).
        def as_html(obj):
            text = getattr(obj, name) or ""
            if HOOKS["render"] is not None:
                text = HOOKS["render"](text)
            return mark_safe(text)  # noqa: S308 - sanitised when saved; render puts in addresses it escapes

        as_html.short_description = self.verbose_name
        setattr(cls, f"{name}_html", property(as_html))


def for_editing(html):
    """Stored rich text as the editor opens it (each link to an item of the site at the item's address now)."""
    return HOOKS["for_editing"](html) if html and HOOKS["for_editing"] is not None else html


def sanitize(html):
    """Clean a piece of HTML with the same allow-list as every rich-text field."""
    return _clean(html)
