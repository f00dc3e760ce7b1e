""" "Bed om gennemlæsning": an editor asks colleagues to read an item's draft. Each gets a mail with a preview link
and a page to answer on ("Godkendt" or a comment); the answers are shown on the item's form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse

from velfaerd.drafts.drafts import PreviewLink, content_type_of

from .mail import notify, site_address
from .models import Kind, ReviewAnswer, ReviewRequest


def colleagues(obj, user):
    """Who may be asked: active staff, other than the one asking, who may change items of this kind."""
    opts = obj._meta
    permission = Permission.objects.filter(content_type=content_type_of(obj), codename=f"change_{opts.model_name}")
    may_change = Q(is_superuser=True) | Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)
    return (
        get_user_model()
        .objects.filter(may_change, is_active=True, is_staff=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "username")
    )


def ask(obj, asker, reviewers, message, request):
    """Makes the request, a preview link for it, and a mail to each reviewer (sent once the request commits)."""
    with transaction.atomic():
        link = PreviewLink.create_for(obj, asker)
        preview_url = site_address(request) + reverse("preview-link", args=[link.token])
        review = ReviewRequest.objects.create(
            content_type=content_type_of(obj),
            object_id=obj.pk,
            requested_by=asker,
            message=message,
            preview_url=preview_url,
        )
        for reviewer in reviewers:
            answer = ReviewAnswer.objects.create(request=review, reviewer=reviewer)
            notify(
                reviewer,
                Kind.REVIEW_REQUEST,
                f"review:{answer.pk}",
                "review_request",
                {
                    "asker": asker.get_full_name() or asker.get_username(),
                    "item": obj,
                    "kind_name": obj._meta.verbose_name,
                    "message": message,
                    "preview_url": preview_url,
                    "answer_path": reverse("notices:answer", args=[answer.key]),
                },
                request=request,
            )
    return review


def requests_for(obj):
    """The item's requests, newest first, each with its answers."""
    answers = Prefetch("answers", ReviewAnswer.objects.select_related("reviewer").order_by("reviewer__username"))
    return list(
        ReviewRequest.objects.filter(content_type=content_type_of(obj), object_id=obj.pk)
        .select_related("requested_by")
        .prefetch_related(answers)
        .order_by("-requested_at")
    )
