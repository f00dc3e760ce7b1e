"""Tags for the public pages: a document's type and size, and the edit link editors see."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

register = template.Library()


@register.filter
def file_label(size, has_text=None):
    """ "(PDF, 2,3 MB)": the type and size of a linked document; "(PDF, 2,3 MB, ikke tilgængelig)" for a scan
    without a text layer, if the site says so (DJANGO_PDF_SAY_INACCESSIBLE)."""
    parts = ["PDF"] if size is None else ["PDF", filesizeformat(size)]
    if has_text is False and settings.PDF_SAY_INACCESSIBLE:
        parts.append(gettext("not accessible"))
    return f"({', '.join(parts)})"


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context):
    """ "Rediger denne side" for a logged-in editor who may change what the page shows: the item's change form, or
    the list of its kind in the admin. Nothing for visitors (no session is read without a session cookie, so
    their pages stay the same for everyone and cacheable)."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {}
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return {}
    obj = context.get("object")
    model = type(obj) if obj is not None and hasattr(obj, "_meta") else getattr(context.get("view"), "model", None)
    if model is None:
        return {}
    opts = model._meta.concrete_model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return {}
    try:
        if obj is not None and hasattr(obj, "_meta"):
            return {"url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])}
        return {"url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), "list": True}
    except NoReverseMatch:
        return {}
