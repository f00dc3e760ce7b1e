"""A scheduled change that could not be published: its editor is told at once, with why and where to fix it."""

from .mail import change_path, notify
from .models import Kind


def tell_the_editor(sender, draft, reason, **kwargs):
    item = draft.live_object()
    if item is None or draft.saved_by is None:
        return
    notify(
        draft.saved_by,
        Kind.SCHEDULE_FAILED,
        f"draft:{draft.pk}:{draft.publish_at.isoformat() if draft.publish_at else ''}",
        "schedule_failed",
        {
            "item": item,
            "kind_name": item._meta.verbose_name,
            "reason": reason,
            "when": draft.publish_at,
            "path": change_path(item),
        },
    )
