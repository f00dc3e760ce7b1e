"""The admin form of a call to action: one control for what the link points at.

The model keeps four nullable foreign keys (one per kind of content, each PROTECTed, with a check constraint that
exactly one is set). The editor sees one search box instead, drawn as what the link points at ("Publikation:
Maskinrummet"): it looks in the titles of every kind a link can point at (the admin's ``link-target-choices``,
which the rich-text editor's link dialog uses too) and answers "<kind>:<id>". A row carries that one control and
its chosen option; the page's largest form was 9 KB a link with a kind chooser and a search box per kind.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin, get_select2_language
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from velfaerd.editorial.admin import GoneRowForm
from velfaerd.editorial.linktargets import label

from .models import CallToAction, MenuItem

KINDS = CallToAction.TARGET_FIELDS


def target_models():
    """{model label: the call to action's field for it}."""
    return {CallToAction._meta.get_field(name).related_model._meta.label_lower: name for name in KINDS}


def described(item):
    """An item as the search box shows it (as ``link-target-choices`` does)."""
    from velfaerd.content.registry import registry

    entry = registry.get(type(item))
    live = item.is_live() if entry.publishable else True
    return label(
        {
            "kind": str(type(item)._meta.verbose_name).capitalize(),
            "title": getattr(item, entry.title),
            "state": "" if live else _("not visible to visitors"),
        }
    )


class TargetSelect(forms.Select):
    """The search box: Django's autocomplete box (Select2, started by the admin's autocomplete.js), asking the
    site's pages of every kind a link can point at, with only the chosen item as its option."""

    def __init__(self, attrs=None):
        super().__init__({"class": "admin-autocomplete", "data-theme": "admin-autocomplete", **(attrs or {})})
        self.i18n_name = get_select2_language()  # Select2's own texts in the editor's language, as Django's box

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Only what differs from Select2's defaults: each row carries it.
        context["widget"]["attrs"].update(
            {
                "data-ajax--url": f"{reverse('admin:link-target-choices')}?for=velfaerd.calltoaction",
                "data-ajax--delay": "250",
                "data-minimum-input-length": "2",
                "lang": "da",
            }
        )
        return context

    #: The field it belongs to (TargetField), which knows the item chosen.
    field = None

    def optgroups(self, name, value, attrs=None):
        chosen = self.field.chosen(value[0] if value else None)
        if chosen is None:
            return []
        return [(None, [self.create_option(name, self.field.key(chosen), described(chosen), True, 0)], 0)]

    media = AutocompleteMixin.media  # Select2, its Danish texts and the admin's autocomplete.js


class TargetField(forms.Field):
    """What a link points at, as "<kind>:<id>" (a model's label and the item's id): the item, of any kind a link can
    point at (visible to visitors or not yet: a link to an item not out yet is shown as plain text until it is)."""

    widget = TargetSelect
    default_error_messages = {
        "required": _("Choose what the link points at."),
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"],
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.loaded = None  # the item the link points at now, fetched with the page's links
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    @staticmethod
    def key(item):
        return f"{item._meta.label_lower}:{item.pk}"

    def chosen(self, value):
        """The item ``value`` names (an item itself, or "<kind>:<id>"), or None."""
        if value in self.empty_values:
            return None
        if hasattr(value, "_meta"):
            return value
        if self.loaded is not None and str(value) == self.key(self.loaded):
            return self.loaded
        kind, _sep, pk = str(value).partition(":")
        field = target_models().get(kind)
        if field is None or not pk.isdigit():
            return None
        model = CallToAction._meta.get_field(field).related_model
        return model._default_manager.filter(pk=pk).first()

    def to_python(self, value):
        if value in self.empty_values:
            return None
        item = self.chosen(value)
        if item is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return item

    def has_changed(self, initial, data):
        # The keys compared: the item a link points at now is "<kind>:<id>" as the form was drawn, and as sent back.
        return str(self.prepare_value(initial) or "") != str(data or "")

    def prepare_value(self, value):
        item = value if hasattr(value, "_meta") else None
        return self.key(item) if item is not None else value


class CallToActionForm(GoneRowForm):
    target = TargetField(label=_("Links to"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        for name in KINDS:
            field = CallToAction._meta.get_field(name)
            pk = getattr(self.instance, field.attname, None)
            if pk is not None:
                if field.is_cached(self.instance):  # fetched with the page's links: drawn without a query
                    target.loaded = field.get_cached_value(self.instance)
                self.initial.setdefault("target", f"{field.related_model._meta.label_lower}:{pk}")
                break

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None:
            chosen = target_models()[target._meta.label_lower]
            for name in KINDS:
                setattr(self.instance, name, target if name == chosen else None)
        return cleaned

    def _update_errors(self, errors):
        # The model's "exactly one target" error is about the four foreign keys, which are not on the form: it
        # belongs to the search box, unless that already says what is missing.
        if hasattr(errors, "error_dict") and any(name in errors.error_dict for name in KINDS):
            error_dict = {name: e for name, e in errors.error_dict.items() if name not in KINDS}
            if not self.has_error("target"):
                error_dict["target"] = next(errors.error_dict[name] for name in KINDS if name in errors.error_dict)
            if not error_dict:
                return
            errors = forms.ValidationError(error_dict)
        super()._update_errors(errors)


class MenuItemForm(GoneRowForm):
    """A menu link whose address must answer: one on this site is opened as a visitor would, and refused unless it
    is a page (200); one elsewhere must be a whole web address."""

    class Meta:
        model = MenuItem
        fields = ("text", "address", "order")

    def clean_address(self):
        from velfaerd.content.richtext import normalise_href

        from .menus import answer

        typed = self.cleaned_data["address"].strip()
        address = normalise_href(typed)
        if address is None or address.startswith(("#", "?", "mailto:", "tel:")):
            raise forms.ValidationError(
                _("“%(address)s” is not an address. Write a page of this site, such as /leder/, or https://…"),
                params={"address": typed},
                code="not_an_address",
            )
        if not address.startswith("/"):
            return address  # elsewhere: the link checker follows it
        status, location = answer(address)
        if status in (301, 308) and location:  # moved for good (a redirect); the admin's 302 to a login is no page
            raise forms.ValidationError(
                _("%(address)s has moved to %(location)s. Use the new address."),
                params={"address": address, "location": location},
                code="moved",
            )
        if status != 200:
            raise forms.ValidationError(
                _("There is no page for visitors at %(address)s (it answers %(status)s). Check the address."),
                params={"address": address, "status": status},
                code="no_page",
            )
        return address
