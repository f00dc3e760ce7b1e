""" "Kræv godkendelse før udgivelse" on a section: a change to one of its theme pages is published only by another
editor than its author; its author's "Udgiv" keeps the change as a draft, nothing lost."""

import pytest
from django.test import Client

from tests.admin import change_url, save
from velfaerd.drafts.drafts import Draft
from velfaerd.pages.models import Section, ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_required(seeded):
    Section.objects.update(require_approval=True)
    return ThemePage.objects.get(slug="velfaerdsledelse")


def editor_client(django_user_model, username):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="et-langt-kodeord-47", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    client = Client()
    client.force_login(user)
    return user, client


def test_the_author_s_publish_keeps_a_draft_and_another_editor_publishes_it(approval_required, django_user_model):
    page = approval_required
    author, author_client = editor_client(django_user_model, "forfatter")
    _other, other_client = editor_client(django_user_model, "udgiver")

    response = save(author_client, change_url(page), title="Velfærdsledelse i praksis")
    assert response.status_code == 302
    told = author_client.get(response["Location"]).content.decode()
    assert "Sektionen kræver godkendelse: en anden redaktør skal udgive det, du har skrevet." in told
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse"  # visitors still see the live page
    draft = Draft.objects.for_object(page).get()
    assert draft.saved_by == author
    shown = author_client.get(change_url(page)).content.decode()
    assert "Velfærdsledelse i praksis" in shown  # the form opens on the draft: nothing lost

    # The author cannot publish their own draft; another editor can.
    save(author_client, change_url(page))
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse"
    assert save(other_client, change_url(page)).status_code == 302
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse i praksis"
    assert not Draft.objects.for_object(page).exists()


def test_without_the_requirement_the_author_publishes(seeded, django_user_model):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    _author, client = editor_client(django_user_model, "forfatter")
    save(client, change_url(page), title="Velfærdsledelse i praksis")
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse i praksis"
