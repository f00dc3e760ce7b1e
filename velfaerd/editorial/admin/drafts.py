"""Drafts in the admin: "Gem som kladde" beside "Udgiv", the change form opened on the draft with its banner,
"Sammenlign med det udgivne", "Kassér kladde", preview links, and changes scheduled to go live.

The change form of an item with a draft is the ordinary change form, made while the draft is applied inside a
transaction that is rolled back (velfaerd.drafts.drafts): the form, its inlines and their ids are the draft's. A save
from it applies the draft first, then the editor's form over it: "Udgiv" commits the lot as a revision, "Gem som
kladde" serialises it as the new draft and rolls back, so visitors never see it.

An item nobody has published yet is itself a draft: "Gem som kladde" keeps it unpublished, "Udgiv" publishes it.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from velfaerd.content.dates import day_text, moment_text
from velfaerd.content.publishing import Publishable
from velfaerd.content.revisions import collected, put_back
from velfaerd.drafts.drafts import Draft, PreviewLink, publish_due, scheduled_text, serialise
from velfaerd.notices import reviews

from ..compare import as_change_message, compare_graphs
from .edit import Drafting, edit_of

PUBLISH_BUTTONS = ("_save", "_continue", "_addanother", "_saveasnew")


class DraftMixin:
    """For admins of publishable content (see the module's docstring)."""

    def _has_drafts(self):
        return issubclass(self.model, Publishable)

    def get_urls(self):
        if not self._has_drafts():
            return super().get_urls()
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/kladde/kasser/", view(self.discard_draft_view), name=f"{name}_discard_draft"),
            path("<path:object_id>/kladde/sammenlign/", view(self.compare_draft_view), name=f"{name}_compare_draft"),
            path("<path:object_id>/forhaandsvisning/", view(self.preview_link_view), name=f"{name}_preview_link"),
            path("<path:object_id>/gennemlaesning/", view(self.review_request_view), name=f"{name}_review_request"),
            *super().get_urls(),
        ]

    # The form: published or not is said by the button pressed (see changeform_view), not by a box to tick.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        published = edit_of(request).published
        if obj is not None and published is not None:
            obj.is_published = published  # before the form validates: unpublishing what pages link to is refused
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._has_drafts() and obj is not None and obj.is_published:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base.__name__, (ScheduleForm, base), {})
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._has_drafts():
            return fieldsets
        result = []
        for name, options in fieldsets:
            fields = tuple(options["fields"])
            if "is_published" in fields:
                scheduling = ("publish_changes_at",) if obj is not None and obj.is_published else ()
                at = fields.index("is_published")
                fields = (*fields[:at], "publishing_status", *fields[at + 1 :], *scheduling)
            result.append((name, {**options, "fields": fields}))
        return result

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "publishing_status") if self._has_drafts() else fields

    @admin.display(description=gettext_lazy("status"), ordering="is_published")
    def publishing_status(self, obj):
        """ "Kladde", "Udgivet, kladde med ændringer", "Planlagt til …" (from get_queryset's annotations)."""
        if obj is None or obj.pk is None:
            return _("New: a draft until you press “Udgiv”")
        return status_text(obj, getattr(obj, "has_draft", False), getattr(obj, "draft_publish_at", None))

    # Lists and forms: a status that tells a draft from a scheduled change.
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self._has_drafts():
            return queryset
        drafts = Draft.objects.filter(
            content_type__app_label=self.model._meta.app_label,
            content_type__model=self.model._meta.model_name,
            object_id=OuterRef("pk"),
        )
        return queryset.annotate(has_draft=Exists(drafts), draft_publish_at=Subquery(drafts.values("publish_at")[:1]))

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if not self._has_drafts():
            return columns
        return tuple("publishing_status" if column == "is_live" else column for column in columns)

    # Opening and saving.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        edit = edit_of(request)
        if not self._has_drafts() or edit.restoring is not None:
            # A restore (django-reversion's revision form) is saved as it is: published or not as restored.
            return super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST":
            request.POST = request.POST.copy()
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is not None and Draft.objects.due().exists():
            publish_due()  # a change due now is live before anyone edits on
            obj = self.get_object(request, unquote(object_id))
        draft = Draft.objects.for_object(obj).select_related("saved_by").first() if obj is not None else None
        posting = request.method == "POST"
        if posting:
            # Published or not follows the button: "Udgiv" publishes, "Gem som kladde" keeps an unpublished item
            # unpublished (and a published one published, with a draft of its changes), "Afpublicér" takes it off.
            published = obj is not None and obj.is_published
            if "_unpublish" in request.POST:
                request.POST["_continue"] = "1"
                published = False
            elif "_draft" not in request.POST:
                published = True
            if published and obj is not None and self._needs_another_editor(request, obj, draft):
                # Kept as a draft, never lost: another editor publishes it (velfaerd/notices, "Bed om
                # gennemlæsning").
                request.POST["_draft"] = "1"
                published = obj.is_published
                self.message_user(
                    request,
                    _(
                        "This section requires approval: another editor must publish what you wrote. Your changes are "
                        "saved as a draft; ask a colleague to read it."
                    ),
                    messages.WARNING,
                )
            edit.published = published
            if "_draft" in request.POST:
                request.POST["_continue"] = "1"  # a save, not an action of the form's action menu; then its form
        drafting_ = posting and "_draft" in request.POST and obj is not None and obj.is_published
        if draft is None and not drafting_:
            return super().changeform_view(request, object_id, form_url, extra_context)

        base = serialise(obj)
        mode = Drafting(draft=draft, drafting=drafting_)
        context = {**(extra_context or {}), "draft": draft}
        # What the admin's revision (django-reversion's, around the whole change view) has collected so far, put
        # back when the work done since is rolled back: otherwise it would keep the rolled-back rows' data.
        collected_before = collected()
        with transaction.atomic():
            if draft is not None:
                draft.apply()
            edit.drafting = mode
            try:
                response = super().changeform_view(request, object_id, form_url, context)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            finally:
                edit.drafting = None
            if mode.published and draft is not None:
                draft.discard()
            if not mode.published:
                transaction.set_rollback(True)  # a form shown, or a draft saved: visitors see the live item
                put_back(collected_before)  # and the admin's revision (it ends after this view) keeps none of it
        if mode.data is not None:
            form_data = mode.form_data
            new = Draft.save_for(
                obj,
                base,
                mode.data,
                request.user,
                note=form_data.get("change_note", ""),
                substantive=bool(form_data.get("substantive_change")),
                publish_at=form_data.get("publish_changes_at"),
            )
            text = scheduled_text(new.publish_at) if new.publish_at else _("Saved a draft.")
            LogEntry.objects.log_actions(request.user.pk, [obj], CHANGE, text)
        return response

    def _needs_another_editor(self, request, obj, draft):
        """Publishing in a section that requires approval: refused to the author of what would be published (the
        draft's, or for an item never published, whoever saved it last), and to anyone publishing their own
        changes without a draft."""
        if not getattr(obj, "requires_approval", lambda: False)():
            return False
        if draft is not None:
            return draft.saved_by_id in (None, request.user.pk)
        if obj.is_published:
            return True  # changes typed now and published at once: their author is the one publishing
        version = Version.objects.get_for_object(obj).select_related("revision").first()
        return version is None or version.revision.user_id in (None, request.user.pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        mode = edit_of(request).drafting
        draft = context.get("draft")
        if draft is not None and request.method == "GET":
            # What the editor typed with the draft, shown again with it.
            form = context["adminform"].form
            form.initial["change_note"] = draft.note
            if "substantive_change" in form.fields:
                form.initial["substantive_change"] = draft.substantive
            if "publish_changes_at" in form.fields:
                form.initial["publish_changes_at"] = draft.publish_at and timezone.localtime(draft.publish_at)
        if self._has_drafts() and edit_of(request).restoring is None:
            opts = self.model._meta
            context.update(
                publishing=True,
                is_live_item=obj is not None and obj.is_published,
                draft=draft if mode is not None else None,
            )
            if obj is not None and obj.pk:
                name = f"admin:{opts.app_label}_{opts.model_name}"
                context.update(
                    discard_draft_url=reverse(f"{name}_discard_draft", args=[quote(obj.pk)]),
                    compare_draft_url=reverse(f"{name}_compare_draft", args=[quote(obj.pk)]),
                    preview_link_url=reverse(f"{name}_preview_link", args=[quote(obj.pk)]),
                    preview_links=list(PreviewLink.objects.for_object(obj).valid().order_by("-created_at")),
                    preview_link_days=settings.PREVIEW_LINK_DAYS,
                    review_request_url=reverse(f"{name}_review_request", args=[quote(obj.pk)]),
                    review_colleagues=list(reviews.colleagues(obj, request.user)),
                    review_requests=reviews.requests_for(obj),
                )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_model(self, request, obj, form, change):
        edit = edit_of(request)
        published = edit.published
        if published is not None and self._has_drafts():
            before = type(obj)._default_manager.filter(pk=obj.pk).values_list("is_published", flat=True).first()
            edit.published_changed = change and before != published
            obj.is_published = published
        super().save_model(request, obj, form, change)
        mode = edit.drafting
        if mode is not None and not mode.drafting:
            mode.published = True

    def log_change(self, request, obj, message):
        if edit_of(request).saving_a_draft:
            return None  # logged as "Gemte en kladde" once the draft is stored
        return super().log_change(request, obj, message)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        edit = edit_of(request)
        if edit.published_changed:
            message.append({"changed": {"fields": [str(self.model._meta.get_field("is_published").verbose_name)]}})
        if edit.publishing_a_draft:
            # Published from a draft: the log says what the draft changed, then what the form changed on top.
            draft = edit.drafting.draft
            message = [*as_change_message(compare_graphs(draft.base, draft.data)), *message]
        return message

    def response_change(self, request, obj):
        edit = edit_of(request)
        mode = edit.drafting
        if not edit.saving_a_draft:
            if edit.published_changed:
                return self._response_published(request, obj)
            return super().response_change(request, obj)
        mode.data = serialise(obj)
        form = edit.form
        mode.form_data = dict(form.cleaned_data) if form is not None else {}
        when = mode.form_data.get("publish_changes_at")
        if when:
            text = _("The changes are saved as a draft and go live by themselves: %(when)s.") % {
                "when": scheduled_text(when)
            }
        else:
            text = _("The changes are saved as a draft. Visitors see the published version until you press “Udgiv”.")
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def _response_published(self, request, obj):
        """ "Udgiv" or "Afpublicér" changed whether visitors see the item: the message says that, not "er ændret"."""
        what = {"name": capfirst(self.opts.verbose_name), "obj": obj}
        text = _("{name} “{obj}” is published.") if obj.is_published else _("{name} “{obj}” is taken off the site.")
        self.message_user(request, format_html(text, **what), messages.SUCCESS)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        if "_addanother" in request.POST:
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_add"))
        return self.response_post_save_change(request, obj)

    def save_form(self, request, form, change):
        edit_of(request).form = form
        return super().save_form(request, form, change)

    # The draft's own screens.
    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])

    def discard_draft_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        draft = Draft.objects.for_object(obj).first()
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        if draft is None:
            self.message_user(request, _("There is no draft to discard."), messages.WARNING)
        elif request.POST.get("draft") != draft.token:
            self.message_user(
                request,
                _("The draft was saved again after you opened it, so it was not discarded. Look at it first."),
                messages.ERROR,
            )
        else:
            draft.discard()
            LogEntry.objects.log_actions(request.user.pk, [obj], CHANGE, _("Discarded the draft."))
            self.message_user(request, _("The draft is discarded. The form shows the published version."))
        return HttpResponseRedirect(self._change_url(obj))

    def compare_draft_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        draft = Draft.objects.for_object(obj).select_related("saved_by").first()
        if draft is None:
            self.message_user(request, _("There is no draft to compare."), messages.WARNING)
            return HttpResponseRedirect(self._change_url(obj))
        live = serialise(obj)
        with transaction.atomic():
            drafted = serialise(draft.apply())
            transaction.set_rollback(True)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Draft of %(name)s compared with the published version") % {"name": obj},
            "opts": self.model._meta,
            "object": obj,
            "draft": draft,
            "changes": compare_graphs(live, drafted),
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "editorial/compare_draft.html", context)

    def preview_link_view(self, request, object_id):
        """POST: a new preview link ("make"), or one withdrawn ("revoke")."""
        obj = self._object_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        if revoke := request.POST.get("revoke"):
            if not revoke.isdigit():
                raise Http404(_("There is no such preview link."))
            PreviewLink.objects.for_object(obj).filter(pk=revoke).delete()
            LogEntry.objects.log_actions(request.user.pk, [obj], CHANGE, _("Withdrew a preview link."))
            self.message_user(request, _("The preview link is withdrawn: it no longer works."))
        else:
            link = PreviewLink.create_for(obj, request.user)
            url = request.build_absolute_uri(reverse("preview-link", args=[link.token]))
            LogEntry.objects.log_actions(request.user.pk, [obj], CHANGE, _("Made a preview link."))
            self.message_user(
                request,
                format_html(
                    "{} <a href='{}'>{}</a>",
                    _("Preview link, valid until %(date)s:") % {"date": day_text(link.expires_at)},
                    url,
                    url,
                ),
            )
        return HttpResponseRedirect(self._change_url(obj) + "#forhaandsvisning")

    def review_request_view(self, request, object_id):
        """POST: "Bed om gennemlæsning", the chosen colleagues asked to read the draft (velfaerd/notices)."""
        obj = self._object_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        chosen = [pk for pk in request.POST.getlist("reviewers") if pk.isdigit()]
        reviewers = list(reviews.colleagues(obj, request.user).filter(pk__in=chosen))
        if not reviewers:
            self.message_user(request, _("Choose at least one colleague to ask."), messages.ERROR)
            return HttpResponseRedirect(self._change_url(obj) + "#gennemlaesning")
        message = request.POST.get("message", "").strip()[:2000]
        reviews.ask(obj, request.user, reviewers, message, request)
        names = ", ".join(user.get_full_name() or user.get_username() for user in reviewers)
        LogEntry.objects.log_actions(
            request.user.pk, [obj], CHANGE, _("Asked %(names)s to read it.") % {"names": names}
        )
        self.message_user(
            request, _("Asked %(names)s to read it: they get a mail with a preview link.") % {"names": names}
        )
        return HttpResponseRedirect(self._change_url(obj) + "#gennemlaesning")


class ScheduleForm(forms.ModelForm):
    """ "Udgiv ændringerne den …": with "Gem som kladde", the draft goes live at that time by itself."""

    publish_changes_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publish the changes at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=gettext_lazy(
            "With “Gem som kladde”: the changes go live at this time by themselves. Leave it empty to publish them "
            "yourself."
        ),
    )

    def clean_publish_changes_at(self):
        when = self.cleaned_data.get("publish_changes_at")
        if when and when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return when


def status_text(obj, has_draft=False, draft_due=None):
    """ "Udgivet", "Kladde", "Planlagt til …", and whether a published item has a draft or a scheduled change."""
    now = timezone.now()
    if not obj.is_published:
        return _("Draft")
    if obj.publish_at and obj.publish_at > now:
        text = scheduled_text(obj.publish_at)
    elif obj.expire_at and obj.expire_at <= now:
        text = _("Expired")
    else:
        text = _("Published")
    if has_draft:
        if draft_due:
            extra = _("changes scheduled for %(when)s") % {"when": moment_text(draft_due)}
        else:
            extra = _("with a draft of changes")
        text = f"{text}, {extra}"
    return text
