"""Mail that tells editors what needs them, read as they receive it (Django's locmem backend): the failed schedule,
the weekly digest, the request to read a draft and its answer; sent after the commit, once, and retried when the
mail server fails."""

import datetime
import re
import socket
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests import factories
from velfaerd.drafts.drafts import Draft, content_type_of, publish_due
from velfaerd.notices.mail import notify
from velfaerd.notices.models import Kind, Notice, ReviewAnswer, Unsubscribed

pytestmark = pytest.mark.django_db(transaction=True)  # mail goes after the commit: real commits


@pytest.fixture
def redaktoer(editor):
    editor.email = "redaktoer@example.org"
    editor.first_name = "Rikke"
    editor.save()
    return editor


def test_a_scheduled_change_that_fails_tells_its_editor_once_with_why_and_where(redaktoer):
    publication = factories.make_publication(title="Maskinrummet")
    Draft.objects.create(
        content_type=content_type_of(publication),
        object_id=publication.pk,
        base={},
        data={},
        saved_by=redaktoer,
        saved_at=timezone.now(),
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with mock.patch.object(Draft, "publish", side_effect=ValueError("Adressen bruges allerede")):
        assert publish_due() == 0
        publish_due()
    [message] = mail.outbox
    assert message.to == ["redaktoer@example.org"]
    assert message.subject == "Velfærd: Din planlagte ændring af “Maskinrummet” blev ikke udgivet"
    assert "Adressen bruges allerede" in message.body
    assert f"/admin/publications/publication/{publication.pk}/change/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://localhost:8000/admin/publications/publication/{publication.pk}/change/"' in html


def test_nothing_is_sent_for_a_save_that_is_rolled_back(redaktoer):
    def save_that_fails():
        with transaction.atomic():
            notify(redaktoer, Kind.SCHEDULE_FAILED, "x", "schedule_failed", {"item": "X", "reason": "y", "path": "/"})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        save_that_fails()
    assert mail.outbox == []
    assert not Notice.objects.exists()


def closed_port():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


def test_a_failing_mail_server_never_fails_the_event_and_the_timer_sends_it_once(redaktoer, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }
    notify(redaktoer, Kind.SCHEDULE_FAILED, "e1", "schedule_failed", {"item": "X", "reason": "y", "path": "/"})
    notice = Notice.objects.get()
    assert notice.sent_at is None
    assert notice.last_error
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert notice.attempts == 2


def test_the_weekly_digest_lists_an_owner_s_items_once_a_week(redaktoer):
    due = factories.make_publication(title="Gammel viden", owner=redaktoer, last_reviewed=datetime.date(2020, 1, 1))
    factories.make_publication(title="Frisk viden", owner=redaktoer)
    factories.make_publication(title="Andres", last_reviewed=datetime.date(2020, 1, 1))
    call_command("send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = mail.outbox
    assert message.to == ["redaktoer@example.org"]
    assert message.subject == "Velfærd: 1 ting på sitet har brug for dig i denne uge"
    assert "Gammel viden" in message.body
    assert "Gennemgangsdato overskredet eller inden for 14 dage" in message.body  # the sections in Danish too
    assert "Frisk viden" not in message.body
    assert "Andres" not in message.body
    assert f"/admin/publications/publication/{due.pk}/change/" in message.body
    assert "/redaktion/mail/" in message.body  # where to unsubscribe


def test_an_editor_who_unsubscribed_gets_no_digest(redaktoer, client):
    factories.make_publication(title="Gammel viden", owner=redaktoer, last_reviewed=datetime.date(2020, 1, 1))
    client.force_login(redaktoer)
    page = client.get("/redaktion/mail/")
    assert page.status_code == 200
    kept = [kind for kind in Kind.values if kind != Kind.DIGEST]
    assert client.post("/redaktion/mail/", {"kinds": kept}).status_code == 302
    assert list(Unsubscribed.objects.values_list("kind", flat=True)) == [Kind.DIGEST]
    call_command("send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_a_request_to_read_a_draft_mails_the_colleague_whose_answer_shows_on_the_form(redaktoer, django_user_model):
    from django.contrib.auth.models import Group

    colleague = django_user_model.objects.create_user(
        "kollega", "kollega@example.org", "et-langt-kodeord-46", is_staff=True, first_name="Karl"
    )
    colleague.groups.add(Group.objects.get(name="Redaktør"))
    publication = factories.make_publication(title="Maskinrummet", is_published=False)
    asker = Client()
    asker.force_login(redaktoer)
    change = f"/admin/publications/publication/{publication.pk}/change/"
    assert "Karl" in asker.get(change).content.decode()
    response = asker.post(
        f"/admin/publications/publication/{publication.pk}/gennemlaesning/",
        {"reviewers": [colleague.pk], "message": "Kan du læse den i dag?"},
    )
    assert response.status_code == 302
    [request_mail] = mail.outbox
    assert request_mail.to == ["kollega@example.org"]
    assert request_mail.subject == "Velfærd: Rikke beder dig læse “Maskinrummet”"
    assert "Kan du læse den i dag?" in request_mail.body
    preview = re.search(r"http://testserver(/forhaandsvisning/\S+)", request_mail.body).group(1)
    answer_path = re.search(r"http://testserver(/redaktion/gennemlaesning/\S+/)", request_mail.body).group(1)
    assert Client().get(preview).status_code == 200  # the preview link works without a login

    reader = Client()
    assert reader.get(answer_path).status_code == 302  # a login first
    reader.force_login(colleague)
    assert reader.get(answer_path).status_code == 200
    assert asker.get(answer_path).status_code == 404  # only the one asked answers
    assert reader.post(answer_path, {"action": "approve", "comment": ""}).status_code == 302
    answer = ReviewAnswer.objects.get()
    assert answer.approved is True
    assert mail.outbox[1].to == ["redaktoer@example.org"]
    assert mail.outbox[1].subject == "Velfærd: Karl har godkendt “Maskinrummet”"
    assert "Karl: godkendt" in asker.get(change).content.decode()
