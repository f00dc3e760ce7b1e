"""`manage.py prune` removes what the site keeps only for a while (personal data first), and nothing younger."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from velfaerd.editorial.models import Autosave, Presence
from velfaerd.notices.models import Notice
from velfaerd.redirects.redirects import NotFound

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def login_record(model, age, username):
    fields = {"failures_since_start": 1} if model is AccessAttempt else {}
    record = model.objects.create(username=username, ip_address="192.0.2.7", user_agent="Firefox", **fields)
    model.objects.filter(pk=record.pk).update(attempt_time=timezone.now() - age)


def test_prune_removes_what_is_past_its_time_and_keeps_the_rest(admin_user, settings, capsys):
    settings.LOGIN_RECORDS_DAYS = 90
    now = timezone.now()
    for age in (91 * DAY, 89 * DAY):
        for model in (AccessLog, AccessFailureLog, AccessAttempt):
            login_record(model, age, f"{model.__name__}-{age.days}")
    expired, current = SessionStore(), SessionStore()
    expired.set_expiry(now - DAY)
    expired.create()
    current.create()
    page = factories.make_theme_page()
    Presence.objects.create(
        user=admin_user, content_type=ContentType.objects.get_for_model(page), object_id=str(page.pk), seen_at=now - DAY
    )
    Autosave.objects.create(user=admin_user, path="/gammel/", data={}, saved_at=now - 31 * DAY)
    Autosave.objects.create(user=admin_user, path="/ny/", data={}, saved_at=now - DAY)
    NotFound.objects.create(path="/glemt/", hits=3, first_seen=now - 400 * DAY, last_seen=now - 200 * DAY)
    NotFound.objects.create(path="/nylig/", hits=3, first_seen=now - 400 * DAY, last_seen=now - 10 * DAY)
    mail = {"kind": "digest", "recipient": admin_user, "subject": "s", "text": "t", "html": "h"}
    Notice.objects.create(key="gammel", sent_at=now - 91 * DAY, **mail)
    Notice.objects.create(key="ny", sent_at=now - DAY, **mail)
    Notice.objects.create(key="venter", **mail)  # not sent yet: kept until it is

    call_command("prune")

    assert capsys.readouterr().out.strip() == (
        "Removed 1 expired sessions, 3 login records, 1 presence, 1 unsaved form texts, 1 addresses not found, "
        "1 sent mails, 0 daily reading figures."
    )
    assert sorted(Notice.objects.values_list("key", flat=True)) == ["ny", "venter"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == [f"{model.__name__}-89"]
    assert not Presence.objects.exists()
    assert list(Autosave.objects.values_list("path", flat=True)) == ["/ny/"]
    assert list(NotFound.objects.values_list("path", flat=True)) == ["/nylig/"]
