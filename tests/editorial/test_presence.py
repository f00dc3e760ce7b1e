"""Who else has this open: a change form names the other editors who have the same item open."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.admin import change_url
from tests.html import visible_text
from velfaerd.editorial.admin import presence
from velfaerd.editorial.models import Presence
from velfaerd.pages.models import ThemePage

pytestmark = pytest.mark.django_db


def editor_named(django_user_model, username, first_name):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True, first_name=first_name)
    user.groups.add(Group.objects.get(name="Redaktør"))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def two_editors(seeded, django_user_model):
    return editor_named(django_user_model, "rikke", "Rikke"), editor_named(django_user_model, "jonas", "Jonas")


def presence_url(obj):
    return change_url(obj, "tilstede")


def test_an_editor_opening_a_form_is_told_who_else_has_it_open(two_editors):
    (_rikke, rikke), (_jonas, jonas) = two_editors
    page = ThemePage.objects.get()
    first = visible_text(rikke.get(change_url(page)).content.decode())
    assert "også denne side åben" not in first
    second = visible_text(jonas.get(change_url(page)).content.decode())
    assert "Rikke har også denne side åben." in second
    # Rikke's next ping names Jonas.
    answer = rikke.post(presence_url(page)).json()
    assert answer == {"others": ["Jonas"], "text": "Jonas har også denne side åben."}


def test_an_editor_who_closes_the_form_or_stops_pinging_is_no_longer_named(two_editors):
    (rikke_user, rikke), (jonas_user, jonas) = two_editors
    page = ThemePage.objects.get()
    rikke.get(change_url(page))
    jonas.get(change_url(page))
    assert rikke.post(presence_url(page), {"leaving": "1"}).json()["others"] == ["Jonas"]
    assert jonas.post(presence_url(page)).json()["others"] == []
    rikke.post(presence_url(page))
    later = timezone.now() + presence.FRESH + datetime.timedelta(seconds=1)
    assert presence.others(page, jonas_user, now=later) == []
    # Forgotten rows are removed on the next ping.
    presence.ping(page, rikke_user, now=timezone.now() + presence.FORGOTTEN + datetime.timedelta(seconds=1))
    assert list(Presence.objects.values_list("user__username", flat=True)) == ["rikke"]


def test_several_names_are_listed_in_danish(seeded, django_user_model):
    page = ThemePage.objects.get()
    users = [editor_named(django_user_model, name.lower(), name) for name in ("Rikke", "Jonas", "Aya")]
    for _user, client in users:
        client.post(presence_url(page))
    assert users[2][1].post(presence_url(page)).json()["text"] == "Rikke og Jonas har også denne side åben."


def test_presence_is_for_those_who_may_change_the_item_and_only_by_post(seeded, staff_client, editor):
    page = ThemePage.objects.get()
    assert staff_client.post(presence_url(page)).status_code == 403  # the Medarbejder may only view theme pages
    assert not Presence.objects.exists()
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(presence_url(page)).status_code == 405
    assert editor_client.post("/admin/velfaerd/themepage/999999/tilstede/").status_code == 404
