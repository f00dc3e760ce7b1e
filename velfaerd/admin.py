import nested_admin
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    CallToAction,
    KnowledgeCentreLink,
    LeadershipTheme,
    Organisation,
    PageSection,
    Section,
    ThemePage,
)

admin.site.site_header = _("Velfærd: editing")
admin.site.site_title = _("Velfærd")
admin.site.index_title = _("Content")

PUBLISHING_FIELDS = ("is_published", "publish_at", "expire_at")


class SubstantiveChangeForm(forms.ModelForm):
    """Adds the "Væsentlig ændring" box: ticked, the save moves "Sidst opdateret" of the pages concerned to today."""

    substantive_change = forms.BooleanField(
        label=_("Substantive change"),
        required=False,
        help_text=_(
            "Tick when the change matters to readers. “Sidst opdateret” on the pages that show this content then "
            "moves to today. Leave it unticked for corrections of typos and layout."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # New content is a substantive change by default; a change of existing content is not.
        self.fields["substantive_change"].initial = self.instance._state.adding


class SubstantiveChangeAdmin(admin.ModelAdmin):
    form = SubstantiveChangeForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("substantive_change"):
            form.instance.theme_pages_to_mark_updated().mark_updated()


class PublishedListMixin:
    """List columns and filters every publishable model shares."""

    list_filter = ("is_published",)
    date_hierarchy = "publish_at"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "url")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LeadershipTheme)
class LeadershipThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(KnowledgeCentreLink)
class KnowledgeCentreLinkAdmin(PublishedListMixin, SubstantiveChangeAdmin):
    list_display = ("name", "url", "is_live", "updated_at")
    search_fields = ("name", "description", "url")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("founders", "themes")


@admin.register(Section)
class SectionAdmin(PublishedListMixin, admin.ModelAdmin):
    list_display = ("title", "order", "is_live")
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}


class CallToActionInline(nested_admin.NestedStackedInline):
    model = CallToAction
    extra = 0
    sortable_field_name = "order"
    autocomplete_fields = CallToAction.TARGET_FIELDS
    fields = ("lead", "text", CallToAction.TARGET_FIELDS, "order")


class PageSectionInline(nested_admin.NestedStackedInline):
    model = PageSection
    extra = 0
    sortable_field_name = "order"
    fields = ("heading", "subheading", "body", "order")
    inlines = [CallToActionInline]


class LastUpdatedForm(forms.ModelForm):
    class Meta:
        model = ThemePage
        fields = ["last_updated"]


@admin.register(ThemePage)
class ThemePageAdmin(PublishedListMixin, SubstantiveChangeAdmin, nested_admin.NestedModelAdmin):
    list_display = ("title", "section", "last_updated", "is_live", "updated_at")
    list_filter = ("section", "is_published")
    list_select_related = ("section",)
    search_fields = ("title", "intro", "sections__heading", "sections__body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PageSectionInline]
    fieldsets = [
        (
            None,
            {"fields": ("section", "title", "slug", "description", "intro", "order")},
        ),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Last updated"), {"fields": ("last_updated", "substantive_change")}),
    ]

    # Staff who may change only "Sidst opdateret" (the "Medarbejder" group) get a screen with that date alone.
    def may_edit_content(self, request):
        return request.user.has_perm("velfaerd.change_themepage")

    def may_change_date_only(self, request):
        return not self.may_edit_content(request) and request.user.has_perm("velfaerd.change_last_updated")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self.may_change_date_only(request)

    def get_fieldsets(self, request, obj=None):
        if self.may_change_date_only(request):
            return [(None, {"fields": ("section", "title", "last_updated")})]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self.may_change_date_only(request):
            return ("section", "title")
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if self.may_change_date_only(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.may_change_date_only(request):
            kwargs["form"] = LastUpdatedForm
        return super().get_form(request, obj, change, **kwargs)

    def get_inline_instances(self, request, obj=None):
        if self.may_change_date_only(request):
            return []
        return super().get_inline_instances(request, obj)
