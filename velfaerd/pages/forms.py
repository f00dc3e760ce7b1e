"""The admin form of a call to action: one control for what the link points at.

The model keeps four nullable foreign keys (one per kind of content, each PROTECTed, with a check constraint that
exactly one is set). The editor sees two controls instead of four boxes: "Linker til" (the kind) and one search box
for the item. The search box is Django's autocomplete widget; when the kind changes, the page's script points it at
that kind's field (``data-field-name``: the admin's autocomplete view looks the model up from it) and clears it.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from velfaerd.editorial.admin import GoneRowForm

from .models import CallToAction, MenuItem

KINDS = CallToAction.TARGET_FIELDS


def kind_choices():
    return [(name, capfirst(CallToAction._meta.get_field(name).verbose_name)) for name in KINDS]


class TargetSelect(AutocompleteSelect):
    """The search box, drawn with the item already loaded with the link (the page's form fetches its links with
    their targets at once), instead of a query per link."""

    loaded = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.loaded is None or chosen != {str(self.loaded.pk)}:
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance(self.loaded)
        return [(None, [self.create_option(name, self.loaded.pk, label, True, 0)], 0)]


class CallToActionForm(GoneRowForm):
    target_kind = forms.ChoiceField(label=_("Links to"), choices=kind_choices)
    # Replaced in __init__ by a field for the chosen kind; declared so the form's fields are known to the admin.
    target = forms.Field(label=_("Search and choose"))

    #: Set by the inline: the autocomplete widget asks its admin site for the search address.
    admin_site = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self._kind()
        field = CallToAction._meta.get_field(kind)
        self.initial.setdefault("target_kind", kind)
        self.initial.setdefault("target", getattr(self.instance, field.attname))
        widget = TargetSelect(field, self.admin_site)
        if field.is_cached(self.instance):
            widget.loaded = field.get_cached_value(self.instance)
        self.fields["target"] = forms.ModelChoiceField(
            queryset=field.related_model._default_manager.all(),
            label=self.fields["target"].label,
            widget=widget,
            error_messages={"required": _("Choose what the link points at.")},
        )

    def _kind(self):
        """The kind the form is about: as submitted, else the one the link points at now, else the first."""
        if self.is_bound:
            submitted = self.data.get(self.add_prefix("target_kind"))
            if submitted in KINDS:
                return submitted
        for name in KINDS:
            if getattr(self.instance, f"{name}_id", None) is not None:
                return name
        return KINDS[0]

    def clean(self):
        cleaned = super().clean()
        kind, target = cleaned.get("target_kind"), cleaned.get("target")
        if kind and target is not None:
            for name in KINDS:
                setattr(self.instance, name, target if name == kind else None)
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
