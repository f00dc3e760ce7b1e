import nested_admin
import nested_admin.formsets
import reversion
from django.contrib import admin
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.dates import day_text
from velfaerd.editorial.admin import (
    EDITING_FIELDS,
    PUBLISHING_FIELDS,
    REVIEW_FIELDS,
    ContentAdmin,
    GoneRowForm,
    NestedDeletionMixin,
    NoLostUpdateForm,
    NoLostUpdateMixin,
    PublishedListMixin,
    ReviewMixin,
    RichTextLixMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)
from velfaerd.editorial.admin.edit import edit_of

from .forms import CallToActionForm, MenuItemForm
from .models import CallToAction, InfoPage, LastUpdatedDate, Menu, MenuItem, PageSection, Section, ThemePage


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
        (_("Publishing"), {"fields": (*PUBLISHING_FIELDS, "require_approval")}),
        (_("About this change"), {"fields": ("change_note",)}),
    ]


class PrefetchedCallToActionFormSet(nested_admin.formsets.NestedInlineFormSet):
    """A section's links, as fetched with all the page's sections (PageSectionInline.get_queryset): the form opens
    in the same number of queries however many sections and links the page has."""

    def get_queryset(self):
        if not self.is_bound and not hasattr(self, "_queryset"):
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {}).get("calls_to_action")
            if prefetched is not None:
                self._queryset = prefetched
        return super().get_queryset()


class CallToActionInline(RichTextLixMixin, nested_admin.NestedStackedInline):
    model = CallToAction
    form = CallToActionForm
    formset = PrefetchedCallToActionFormSet
    extra = 0
    # What the link points at: one search box over every kind (forms.py), instead of a box per kind.
    fields = ("lead", "text", "target", "order")


class PageSectionInline(RichTextLixMixin, nested_admin.NestedStackedInline):
    model = PageSection
    form = GoneRowForm
    extra = 0
    fields = ("heading", "subheading", "body", "section_readability", "order")
    readonly_fields = ("section_readability",)
    inlines = [CallToActionInline]

    def get_queryset(self, request):
        links = CallToAction.objects.select_related(*CallToAction.TARGET_FIELDS).order_by("order", "pk")
        return super().get_queryset(request).prefetch_related(Prefetch("calls_to_action", queryset=links))

    @admin.display(description=_("readability of the section"))
    def section_readability(self, obj):
        return str(obj.lix()) if obj.pk else "—"


class OwnRowsAdminFormset(nested_admin.nested.NestedInlineAdminFormset):
    """Each row of a form sent back is headed by its own item, and no row is left out; the rows are made once.

    Django pairs the rows with the items as they are now (``zip(initial_forms, get_queryset())``): after someone
    else deleted a section, every row below it was headed by its neighbour and the last row was not shown at all,
    with what the editor typed in it. Here each row is paired with its own form's instance (for a row whose item is
    gone: what the editor typed, unsaved).

    A change form reads its inlines' rows five times (the media, the prepopulated fields' script, the template, and
    django-nested-admin once more for each section's links), and each reading made every row, with a new form for
    the empty row, anew: a third of a theme page form's time. The rows are kept from the first reading for the
    request this object lives in.
    """

    _rows = None
    _reading_media = False

    def __iter__(self):
        if self._rows is not None:
            return iter(self._rows)
        return self._own_rows()

    def _own_rows(self):
        formset = self.formset
        if "get_queryset" in vars(formset):  # iterated again while being iterated
            yield from super().__iter__()
            return
        originals = [form.instance for form in formset.initial_forms]
        formset.get_queryset = lambda: originals
        rows = []
        try:
            for row in super().__iter__():
                rows.append(row)
                yield row
                if self._reading_media:
                    return
        finally:
            del formset.get_queryset
        self._rows = rows

    @property
    def media(self):
        """django-nested-admin's, from one row: every row of a formset has the same form and nested inlines (Django's
        ``BaseFormSet.media`` counts on the same), and reading all 50 links' media gave the same files 50 times."""
        self._reading_media = True
        try:
            return super().media
        finally:
            self._reading_media = False


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
    search_fields = ("title", "intro", "parts__heading", "parts__body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("owner",)
    inlines = [PageSectionInline]
    inline_admin_formset_helper_cls = OwnRowsAdminFormset
    # Sections and links collapse, and move with "Flyt op"/"Flyt ned" (keyboard; ContentAdmin's inlines.js); typed
    # order numbers are saved as typed (drag and drop is off: it rewrote them from screen position).
    fieldsets = [
        (None, {"fields": ("section", "title", "slug", "description", "intro", "order")}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Review"), {"fields": REVIEW_FIELDS, "classes": ["collapse"]}),
        (_("Last updated and this change"), {"fields": ("last_updated", *EDITING_FIELDS)}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        sections = list(Section.objects.values_list("pk", flat=True)[:2])
        if len(sections) == 1:  # the only one there is: chosen already
            initial.setdefault("section", sections[0])
        return initial

    def save_model(self, request, obj, form, change):
        # Set before saving, so the revision keeps the new date too.
        if form.cleaned_data.get("substantive_change") and not edit_of(request).saving_a_draft:
            obj.last_updated = timezone.localdate()
        super().save_model(request, obj, form, change)


class LastUpdatedDateForm(NoLostUpdateForm):
    class Meta:
        model = LastUpdatedDate
        fields = ["last_updated"]


@admin.register(LastUpdatedDate)
class LastUpdatedDateAdmin(NoLostUpdateMixin, admin.ModelAdmin):
    """The "Medarbejder" screen: staff who may change only "Sidst opdateret" see each theme page's title and that
    date, and can change the date alone. Those who may change theme pages use the theme page's own screen."""

    form = LastUpdatedDateForm
    list_display = ("title", "section", "last_updated")
    list_select_related = ("section",)
    fields = ("section", "title", "last_updated")
    readonly_fields = ("section", "title")
    actions = None
    view_on_site = False

    def _keeps_the_date_only(self, request):
        user = request.user
        return user.has_perm("velfaerd.change_last_updated") and not user.has_perm("velfaerd.change_themepage")

    def has_view_permission(self, request, obj=None):
        return self._keeps_the_date_only(request)

    def has_change_permission(self, request, obj=None):
        return self._keeps_the_date_only(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Saved as the theme page it is, so its history keeps the revision (with its sections) and the log entry.
        page = ThemePage.objects.get(pk=obj.pk)
        page.last_updated = obj.last_updated
        with reversion.create_revision():
            page.save()
            reversion.set_user(request.user)
            reversion.set_comment(_("“Sidst opdateret” set to %(date)s.") % {"date": day_text(page.last_updated)})

    def log_change(self, request, obj, message):
        return super().log_change(request, ThemePage.objects.get(pk=obj.pk), message)

    def history_view(self, request, object_id, extra_context=None):
        # One history per page: the theme page's, which staff may read.
        return HttpResponseRedirect(reverse("admin:velfaerd_themepage_history", args=[object_id]))


class MenuItemInline(nested_admin.NestedStackedInline):
    model = MenuItem
    form = MenuItemForm
    extra = 0
    fields = ("text", "address", "order")


@admin.register(Menu)
class MenuAdmin(PublishedListMixin, ContentAdmin, nested_admin.NestedModelAdmin):
    """The main menu and the footer's links: links in order, moved with "Flyt op"/"Flyt ned" (keyboard), with drafts,
    schedules and history as any content. There are two menus, made by the migrations; none is added or deleted."""

    list_display = ("__str__", "is_live", "updated_at")
    inlines = [MenuItemInline]
    inline_admin_formset_helper_cls = OwnRowsAdminFormset
    fieldsets = [
        (None, {"fields": ("key",)}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("About this change"), {"fields": ("change_note",)}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "key")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
