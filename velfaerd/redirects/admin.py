"""Redirects in the admin: old addresses and where they lead, a CSV import, and the addresses visitors asked for
that have no page, each with a link that redirects it."""

import csv
import io
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from velfaerd.content.admin_display import ReadOnlyAdmin, yes_no
from velfaerd.redirects.models import NotFound, Redirect
from velfaerd.redirects.redirects import save_many

#: What one import takes: a file this large (a few tens of thousands of lines), and this many redirects; the
#: errors of a refused file are shown this many at a time.
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_LINES = 10_000
IMPORT_ERRORS_SHOWN = 50


class RedirectImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One redirect a line: the old address, the new address and, if you like, “midlertidig” for a temporary "
            "one and “ekstern” for one that leads to another website. Separated by commas or semicolons; a first "
            "line of headings is skipped. At most 10,000 lines and 2 MB a file."
        ),
    )


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses and where they lead now: made by the site when an item's address changes, by editors for
    the rest (also offered when an item is deleted or taken off), or imported from a CSV file."""

    list_display = ("old_path", "new_path", "leads_outside", "is_permanent", "created_at")
    list_filter = ("permanent", "external", "automatic")
    search_fields = ("old_path", "new_path")
    fields = ("old_path", "new_path", "external", "permanent")
    change_list_template = "redirects/change_list.html"

    # Yes/no as icons that a screen reader reads in Danish (Django's own say "True" and "False").
    @admin.display(description=_("leads outside the site"), ordering="external")
    def leads_outside(self, obj):
        return yes_no(obj.external)

    @admin.display(description=_("permanent"), ordering="permanent")
    def is_permanent(self, obj):
        return yes_no(obj.permanent)

    def get_urls(self):
        importer = path("importer/", self.admin_site.admin_view(self.import_view), name="redirects_redirect_import")
        return [importer, *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RedirectImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                count = import_redirects(form.cleaned_data["file"])
            except ImportRefused as refused:
                errors = refused.errors
            else:
                self.message_user(
                    request,
                    ngettext("%(count)d redirect was imported.", "%(count)d redirects were imported.", count)
                    % {"count": count},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:redirects_redirect_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import redirects"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "redirects/import.html", context)


@admin.register(NotFound)
class NotFoundAdmin(ReadOnlyAdmin):
    """Addresses visitors asked for that have no page, most asked for first: each one can be redirected."""

    list_display = ("path", "hits", "first_seen", "last_seen", "redirect_link")
    search_fields = ("path",)
    date_hierarchy = "last_seen"

    @admin.display(description=_("redirect"))
    def redirect_link(self, obj):
        url = reverse("admin:redirects_redirect_add") + "?" + urlencode({"old_path": obj.path})
        return format_html('<a href="{}">{}</a>', url, _("Send visitors on"))


class ImportRefused(Exception):
    def __init__(self, errors):
        self.errors = errors


def import_redirects(upload):
    """Every line of the CSV file as a redirect, or none at all: ``ImportRefused`` with each line's errors (the
    first ``IMPORT_ERRORS_SHOWN`` of them). At most ``IMPORT_MAX_LINES`` lines, saved in a few bulk statements."""
    if upload.size > IMPORT_MAX_BYTES:
        raise ImportRefused(
            [
                _("The file is larger than %(size)s. Split it into several files.")
                % {"size": filesizeformat(IMPORT_MAX_BYTES)}
            ]
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # what the first line is separated by (a spreadsheet's ;)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    if rows and not rows[0][1][0].strip().startswith(("/", "http")):
        rows = rows[1:]  # headings
    if len(rows) > IMPORT_MAX_LINES:
        raise ImportRefused(
            [
                _(
                    "The file has %(count)d lines; at most %(limit)d can be imported at a time. Split it into "
                    "several files."
                )
                % {"count": len(rows), "limit": IMPORT_MAX_LINES}
            ]
        )
    redirects, errors, seen = [], [], set()
    for number, row in rows:
        cells = [cell.strip() for cell in row]
        if len(cells) < 2:
            errors.append(_("Line %(line)d: an old and a new address are needed.") % {"line": number})
            continue
        flags = {cell.lower() for cell in cells[2:]}
        redirect = Redirect(
            old_path=cells[0], new_path=cells[1], permanent="midlertidig" not in flags, external="ekstern" in flags
        )
        try:
            redirect.clean_fields()
            redirect.clean_addresses()
        except ValidationError as error:
            text = " ".join(message for messages_ in error.message_dict.values() for message in messages_)
            errors.append(_("Line %(line)d: %(error)s") % {"line": number, "error": text})
            continue
        if redirect.old_path in seen:
            errors.append(
                _("Line %(line)d: %(address)s is in the file twice.") % {"line": number, "address": redirect.old_path}
            )
        seen.add(redirect.old_path)
        redirects.append(redirect)
    if not redirects and not errors:
        errors.append(_("The file has no redirects."))
    if not errors:
        # A loop across lines, or through saved redirects, is refused as one redirect's is.
        errors = [_("%(address)s would send visitors round in a loop.") % {"address": a} for a in save_many(redirects)]
    if errors:
        shown = errors[:IMPORT_ERRORS_SHOWN]
        if len(errors) > len(shown):
            shown.append(
                ngettext(
                    "… and %(count)d more error. Mend the lines above and try again to see it.",
                    "… and %(count)d more errors. Mend the lines above and try again to see them.",
                    len(errors) - len(shown),
                )
                % {"count": len(errors) - len(shown)}
            )
        raise ImportRefused(shown)
    return len(redirects)
