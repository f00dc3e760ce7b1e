"""What the log says of a request: one id per request, from the proxy's ``X-Request-ID`` or made here, returned in
the response (and on the Danish 500 page, for a visitor to quote), and on every line logged while the request is
served, with its path and, for staff, the user's id.

``DJANGO_LOG_FORMAT=json`` writes each line as one JSON object (python-json-logger): time, level, logger, message,
request id, path, user id, and what the line itself carries (a status code, an exception). Nothing else of the
request is written: no headers, cookies, session ids or form data.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

#: The request being served in this thread or task, for the log lines written meanwhile.
current_request = ContextVar("current_request", default=None)
HEADER = "X-Request-ID"
#: An id from outside is taken only as the plain token proxies make (a UUID, a hex string); anything else is
#: replaced, so that a client cannot write into the log or the page.
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_of(request):
    return getattr(request, "request_id", None)


def current_request_id():
    request = current_request.get()
    return request_id_of(request) if request is not None else None


class RequestIdMiddleware:
    """Early in MIDDLEWARE: the id is known to everything below, and set on every response, cached pages too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = given if _ACCEPTED.fullmatch(given) else uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestContext(logging.Filter):
    """Adds the request's id, path and (for staff whose user is loaded already) user id to each line. The user is
    never loaded for the log: a visitor's request would pay a query for it."""

    def filter(self, record):
        request = current_request.get()
        record.request_id = request_id_of(request) if request is not None else None
        record.path = request.path if request is not None else None
        user = getattr(request, "_cached_user", None)  # set once something asked for request.user
        record.user_id = user.pk if user is not None and getattr(user, "is_staff", False) else None
        return True


class WithoutTraceback(logging.Filter):
    """A refused Host header is a scanner's, or a probe's by IP: one warning line, no traceback, no mail."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class TextFormatter(logging.Formatter):
    """The default: a line a person reads, with the time, level, logger and request id."""

    def __init__(self):
        super().__init__("{asctime} {levelname} {name} [{request_label}] {message}", style="{")

    def format(self, record):
        record.request_label = getattr(record, "request_id", None) or "-"
        return super().format(record)


#: What a line may carry besides the named fields: nothing of the request object Django attaches to its own lines.
_NOT_WRITTEN = [*RESERVED_ATTRS, "request", "server_time"]


class JsonLinesFormatter(JsonFormatter):
    """One JSON object per line."""

    def __init__(self):
        super().__init__(
            ["levelname", "name", "message", "request_id", "path", "user_id"],
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=_NOT_WRITTEN,
            timestamp="time",
            json_ensure_ascii=False,
        )
