import nested_admin
from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.editorial.mixins import (
    EDITING_FIELDS,
    PUBLISHING_FIELDS,
    REVIEW_FIELDS,
    ContentAdmin,
    GoneRowForm,
    LinkedContentGuardMixin,
    NestedDeletionMixin,
    PublishedListMixin,
    ReviewMixin,
    RichTextLixMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)

from .models import CallToAction, InfoPage, KnowledgeCentreLink, PageSection, Section, ThemePage


@admin.register(KnowledgeCentreLink)
class KnowledgeCentreLinkAdmin(
    PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin
):
    list_display = ("name", "url", "is_live", "review_status", "updated_at")
    search_fields = ("name", "description", "url")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("founders", "themes", "owner")
    fieldsets = content_fieldsets("name", "slug", "url", "description", "founders", "themes")


@admin.register(InfoPage)
class InfoPageAdmin(PublishedListMixin, ReviewMixin, ContentAdmin):
    list_display = ("title", "is_live", "review_status", "updated_at")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("owner",)
    fieldsets = content_fieldsets("title", "slug", "description", "body", substantive=False)


@admin.register(Section)
class SectionAdmin(PublishedListMixin, ContentAdmin):
    list_display = ("title", "order", "is_live")
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ("title", "slug", "intro", "order")}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("About this change"), {"fields": ("change_note",)}),
    ]


class CallToActionInline(RichTextLixMixin, nested_admin.NestedStackedInline):
    model = CallToAction
    form = GoneRowForm
    extra = 0
    sortable_field_name = "order"
    autocomplete_fields = CallToAction.TARGET_FIELDS
    fields = ("lead", "text", CallToAction.TARGET_FIELDS, "order")


class PageSectionInline(RichTextLixMixin, nested_admin.NestedStackedInline):
    model = PageSection
    form = GoneRowForm
    extra = 0
    sortable_field_name = "order"
    fields = ("heading", "subheading", "body", "section_readability", "order")
    readonly_fields = ("section_readability",)
    inlines = [CallToActionInline]

    @admin.display(description=_("readability of the section"))
    def section_readability(self, obj):
        return str(obj.lix()) if obj.pk else "—"


class LastUpdatedForm(forms.ModelForm):
    class Meta:
        model = ThemePage
        fields = ["last_updated"]


@admin.register(ThemePage)
class ThemePageAdmin(
    PublishedListMixin,
    ReviewMixin,
    SubstantiveChangeMixin,
    NestedDeletionMixin,
    ContentAdmin,
    nested_admin.NestedModelAdmin,
):
    list_display = ("title", "section", "last_updated", "is_live", "review_status", "updated_at")
    list_filter = ("section", "is_published")
    list_select_related = ("section",)
    search_fields = ("title", "intro", "sections__heading", "sections__body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("owner",)
    inlines = [PageSectionInline]
    fieldsets = [
        (None, {"fields": ("section", "title", "slug", "description", "intro", "order")}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Review"), {"fields": REVIEW_FIELDS, "classes": ["collapse"]}),
        (_("Last updated and this change"), {"fields": ("last_updated", *EDITING_FIELDS)}),
    ]

    def save_model(self, request, obj, form, change):
        # Set before saving, so the revision keeps the new date too.
        if form.cleaned_data.get("substantive_change"):
            obj.last_updated = timezone.localdate()
        super().save_model(request, obj, form, change)

    # Staff who may change only "Sidst opdateret" (the "Medarbejder" group) get a screen with that date alone.
    def may_edit_content(self, request):
        return request.user.has_perm("velfaerd.change_themepage")

    def may_change_date_only(self, request):
        return not self.may_edit_content(request) and request.user.has_perm("velfaerd.change_last_updated")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self.may_change_date_only(request)

    def has_edit_content_permission(self, request, obj=None):
        return self.may_edit_content(request)

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
