"""Staff who have not passed a second step in this session reach only the account pages: their enrolment, the
second step itself, password reset and logout."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from . import secondstep

#: The account pages: login, the second step, enrolment, password reset, logout.
ALLOWED_PREFIX = "/konto/"


class SecondStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if secondstep.required(request.user) and not secondstep.passed(request):
            # A session whose user has a factor passed the second step to log in (allauth asks for it before it
            # logs anyone in who has one) or has just enrolled one: one query, then the session remembers.
            if secondstep.has_factor(request.user):
                secondstep.mark_passed(request)
            elif not request.path.startswith(ALLOWED_PREFIX):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('mfa_index')}?{query}")
        return self.get_response(request)
