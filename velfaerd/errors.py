"""Error reporting to Sentry (or a service that speaks its protocol, such as GlitchTip), on when ``SENTRY_DSN`` is
set. Personal data stays out: sentry-sdk's own ``send_default_pii=False`` leaves out the user, IP address, cookies
and auth headers, and no request bodies or local variables are sent. Each event carries the request's id
(velfaerd/logs.py), the one in the log and on the visitor's 500 page."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .logs import current_request_id


def _with_request_id(event, hint):
    if request_id := current_request_id():
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def report_errors(dsn, environment):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=_with_request_id,
    )
