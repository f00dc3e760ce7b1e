"""The editors' own pages outside the admin: answering a request to read a draft, and choosing which mail to get.
Both ask for a login (and its second step, velfaerd/accounts)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .mail import change_path, notify
from .models import Kind, ReviewAnswer, Unsubscribed


class AnswerForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Optional with “Approved”; what to change, with “Send comment”."),
    )

    def __init__(self, *args, approving=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.approving = approving

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not self.approving and not comment:
            raise forms.ValidationError(_("Write what should change, or answer “Approved”."))
        return comment


@login_required
def answer(request, key):
    found = get_object_or_404(ReviewAnswer.objects.select_related("request__content_type"), key=key)
    if found.reviewer_id != request.user.pk:
        raise Http404
    review = found.request
    item = review.content_type.model_class()._default_manager.filter(pk=review.object_id).first()
    if item is None:
        raise Http404
    approving = request.POST.get("action") == "approve"
    form = AnswerForm(request.POST or None, approving=approving, initial={"comment": found.comment})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            found.approved = approving
            found.comment = form.cleaned_data["comment"]
            found.answered_at = timezone.now()
            found.save(update_fields=["approved", "comment", "answered_at"])
            if review.requested_by is not None:
                notify(
                    review.requested_by,
                    Kind.REVIEW_ANSWER,
                    f"answer:{found.pk}:{found.answered_at.isoformat()}",
                    "review_answer",
                    {
                        "reviewer": request.user.get_full_name() or request.user.get_username(),
                        "item": item,
                        "approved": approving,
                        "comment": found.comment,
                        "path": change_path(item) + "#gennemlaesning",
                    },
                    request=request,
                )
        messages.success(request, _("Thank you: your answer is sent."))
        return HttpResponseRedirect(request.path)
    context = {"answer": found, "review": review, "item": item, "form": form, "kind_name": item._meta.verbose_name}
    return render(request, "notices/answer.html", context)


@login_required
def mail_preferences(request):
    kinds = Kind.choices
    if request.method == "POST":
        wanted = set(request.POST.getlist("kinds"))
        with transaction.atomic():
            Unsubscribed.objects.filter(user=request.user).delete()
            Unsubscribed.objects.bulk_create(
                [Unsubscribed(user=request.user, kind=kind) for kind, _label in kinds if kind not in wanted]
            )
        messages.success(request, _("Your choice of mail is saved."))
        return HttpResponseRedirect(request.path)
    off = set(Unsubscribed.objects.filter(user=request.user).values_list("kind", flat=True))
    choices = [{"value": kind, "label": label, "checked": kind not in off} for kind, label in kinds]
    return render(request, "notices/mail_preferences.html", {"choices": choices, "has_email": bool(request.user.email)})
