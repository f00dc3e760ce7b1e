"""Text as it comes in: no control characters.

A title pasted from Word can carry its manual line break (``\\x0b``) or other C0/C1 control characters. They are
invisible on the page, but XML forbids them, so a single one made both feeds fail whole, and they would travel on
into sitemaps and search. Every text field of the site's own models is cleaned before it is saved, whatever wrote
it (a form, an import, the shell): a line break or tab where the field takes several lines stays; elsewhere a line
break, tab or Word's line break becomes a space, and the other control characters go.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save

#: Control characters that stand between words: they become a line break (or a space on one line), not nothing.
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: C0 and C1 control characters and DEL, but tab, line feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("[\t\n\r]+")


def without_controls(text, multiline=True):
    """``text`` without control characters; with ``multiline`` False, line breaks and tabs become spaces."""
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    return text if multiline else _LINE_BREAKS.sub(" ", text)


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """Before a row is saved: every text field without control characters."""
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, without_controls(value, isinstance(field, models.TextField)))


def connect():
    """For every model of the site's own apps (those in the project's folder), one model at a time."""
    root = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if config.path.startswith(root):
            for model in config.get_models():
                pre_save.connect(clean_text_fields, sender=model, dispatch_uid=f"text-{model._meta.label}")
