"""Reading figures without cookies or consent: views counted per address and day for every public page, cached or
not; none for bots, staff or preview links; written in batches; and nothing about the reader anywhere."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings

from tests import factories
from tests.admin import change_url
from tests.html import visible_text
from velfaerd.reading import counting
from velfaerd.reading.models import PageViews, SearchMiss

READER_IP = "203.0.113.77"
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Læsebrowser/77.0"
READER = {"REMOTE_ADDR": READER_IP, "HTTP_USER_AGENT": READER_AGENT}


@pytest.fixture
def counting_on(settings):
    settings.READING_COUNT = True
    settings.READING_FLUSH_SECONDS = 3600
    settings.READING_FLUSH_VIEWS = 10_000
    counting.flush()  # nothing from before
    yield
    counting._pending.clear()


def views():
    counting.flush()
    return dict(PageViews.objects.values_list("path", "views"))


@pytest.mark.django_db(transaction=True)  # the page cache follows commits
def test_cached_and_uncached_pages_are_counted_bots_staff_and_previews_are_not(
    counting_on, page_cache, admin_client, seeded
):
    reader = Client(**READER)
    first = reader.get("/leder/velfaerdsledelse/")
    again = reader.get("/leder/velfaerdsledelse/")
    assert getattr(first, "from_page_cache", False) is False
    assert again.from_page_cache is True  # served from the cache, counted all the same
    reader.get("/publikationer/maskinrummet/")
    reader.get("/leder/velfaerdsledelse/?utm_source=nyhedsbrev")  # the same page
    reader.get("/findes-ikke/")  # 404: not a page view
    reader.get("/feed/")  # not HTML
    Client(HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").get(
        "/leder/velfaerdsledelse/"
    )
    Client().get("/leder/velfaerdsledelse/")  # no user agent: a script
    Client(HTTP_SEC_PURPOSE="prefetch", HTTP_USER_AGENT=READER_AGENT).get("/leder/velfaerdsledelse/")
    admin_client.get("/leder/velfaerdsledelse/")  # staff
    admin_client.get("/admin/")
    not_yet = factories.make_publication(title="Kommer snart", slug="kommer-snart", is_published=False)
    admin_client.post(change_url(not_yet, "forhaandsvisning"))
    from velfaerd.drafts.models import PreviewLink

    preview = f"/forhaandsvisning/{PreviewLink.objects.get().token}/"
    assert Client(**READER).get(preview).status_code == 200
    assert views() == {"/leder/velfaerdsledelse/": 3, "/publikationer/maskinrummet/": 1}
    assert PageViews.objects.get(path="/leder/velfaerdsledelse/").day == counting.today()

    # Nothing about the reader anywhere: every text column of every table searched for the address and browser.
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)):
                for needle in (READER_IP, "Læsebrowser"):
                    lookup = "icontains" if not isinstance(field, models.GenericIPAddressField) else "exact"
                    if lookup == "exact" and needle != READER_IP:
                        continue
                    found = model._default_manager.filter(**{f"{field.name}__{lookup}": needle})
                    assert not found.exists(), f"{model._meta.label}.{field.name} holds {needle}"


@pytest.mark.django_db
def test_views_are_written_in_batches_after_the_response(counting_on, settings, client):
    factories.make_article(title="Om tillid", slug="om-tillid")
    settings.READING_FLUSH_VIEWS = 3
    reader = Client(**READER)
    reader.get("/artikler/om-tillid/")
    reader.get("/artikler/om-tillid/")
    assert not PageViews.objects.exists()  # kept in memory
    reader.get("/artikler/om-tillid/")  # the third: written when its response is closed
    assert PageViews.objects.get().views == 3
    reader.get("/artikler/om-tillid/")
    settings.READING_FLUSH_VIEWS = 10_000
    counting._state["since"] -= 3600  # a minute has passed: the next view writes
    reader.get("/artikler/om-tillid/")
    assert PageViews.objects.get().views == 5


@pytest.mark.django_db
def test_a_batch_the_database_cannot_take_is_kept_for_the_next_try(counting_on, monkeypatch):
    from django.db import DatabaseError

    counting.count("/a/")
    with monkeypatch.context() as patched:
        patched.setattr(counting.transaction, "atomic", lambda: (_ for _ in ()).throw(DatabaseError("låst")))
        assert counting.flush() == 0
    counting.count("/a/")
    assert counting.flush() == 1
    assert PageViews.objects.get(path="/a/").views == 2


@pytest.mark.django_db
def test_a_search_that_found_nothing_is_kept_only_when_several_asked_it(counting_on, admin_client):
    bot = Client(HTTP_USER_AGENT="Mozilla/5.0 (compatible; bingbot/2.0)")
    for _ in range(5):  # neither a bot's nor staff's searches count
        bot.get("/soeg/", {"q": "Karen Hansens Adresse"})
        admin_client.get("/soeg/", {"q": "Karen Hansens Adresse"})
    assert not SearchMiss.objects.exists()
    client = Client(**READER)
    for _ in range(2):
        client.get("/soeg/", {"q": "Karen Hansens Adresse"})
    assert not SearchMiss.objects.exists()  # asked twice: its text is nowhere in the database
    client.get("/soeg/", {"q": "karen  hansens adresse"})
    assert SearchMiss.objects.get().query == "karen hansens adresse"
    assert SearchMiss.objects.get().searches == 3
    client.get("/soeg/", {"q": "Karen Hansens adresse"})
    assert SearchMiss.objects.get().searches == 4
    factories.make_article(title="Om tillid")
    for _ in range(3):
        client.get("/soeg/", {"q": "tillid"})  # found: not counted
    assert SearchMiss.objects.count() == 1


@pytest.mark.django_db
def test_the_reading_screen_in_danish(admin_client):
    today = counting.today()
    PageViews.objects.create(path="/leder/velfaerdsledelse/", day=today, views=12)
    PageViews.objects.create(path="/leder/velfaerdsledelse/", day=today - datetime.timedelta(days=3), views=5)
    PageViews.objects.create(path="/artikler/om-tillid/", day=today, views=4)
    PageViews.objects.create(path="/gammel/", day=today - datetime.timedelta(days=100), views=99)
    SearchMiss.objects.create(query="arbejdsmiljø", day=today, searches=6)
    from django.utils import timezone

    from velfaerd.redirects.redirects import NotFound

    NotFound.objects.create(path="/gamle-side/", hits=3, first_seen=timezone.now(), last_seen=timezone.now())
    html = admin_client.get("/admin/laesning/").content.decode()
    text = visible_text(html)
    assert "Læsning" in text
    assert "21 visninger i perioden" in text  # the last 30 days: 12 + 5 + 4
    assert "Mest læste sider Side Visninger /leder/velfaerdsledelse/ 17 /artikler/om-tillid/ 4" in text
    assert "/gammel/" not in text
    assert "arbejdsmiljø 6" in text
    assert "/gamle-side/ 3" in text
    assert '<svg class="reading-chart"' in html
    assert 'aria-hidden="true"' in html
    assert "Tallene som tabel" in text
    year = visible_text(admin_client.get("/admin/laesning/", {"dage": 365}).content.decode())
    assert "/gammel/ 99" in year


@pytest.mark.django_db
def test_the_reading_screen_is_for_those_who_may_see_the_figures(client, django_user_model):
    from django.contrib.auth.models import Group

    staff = django_user_model.objects.create_user("medarbejder", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Medarbejder"))
    client.force_login(staff)
    assert client.get("/admin/laesning/").status_code == 403
    editor = django_user_model.objects.create_user("redaktoer", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktør"))
    client.force_login(editor)
    assert client.get("/admin/laesning/").status_code == 200


@pytest.mark.django_db
def test_an_items_form_has_a_line_of_its_figures(admin_client):
    article = factories.make_article(title="Om tillid", slug="om-tillid")
    today = counting.today()
    for days_ago, n in ((0, 2), (5, 3), (20, 10), (200, 100), (400, 1000)):
        PageViews.objects.create(
            path=article.get_absolute_url(), day=today - datetime.timedelta(days=days_ago), views=n
        )
    text = visible_text(admin_client.get(change_url(article)).content.decode())
    assert "Læst 5 gange de seneste 7 dage, 15 de seneste 30 dage og 115 det seneste år." in text


@pytest.mark.django_db
def test_prune_forgets_figures_older_than_the_retention(settings):
    settings.READING_DAYS = 30
    today = counting.today()
    PageViews.objects.create(path="/a/", day=today - datetime.timedelta(days=31), views=1)
    PageViews.objects.create(path="/a/", day=today - datetime.timedelta(days=29), views=1)
    SearchMiss.objects.create(query="x", day=today - datetime.timedelta(days=40), searches=3)
    call_command("prune", stdout=io.StringIO())
    assert list(PageViews.objects.values_list("day", flat=True)) == [today - datetime.timedelta(days=29)]
    assert not SearchMiss.objects.exists()


def test_counting_costs_a_cached_page_no_query(counting_on, settings):
    """Checked without a database: a view is a dictionary increment until the batch is due."""
    with override_settings(READING_FLUSH_VIEWS=10_000):
        assert counting.count("/x/") is False


@pytest.mark.django_db
def test_many_addresses_are_written_in_several_statements(counting_on, monkeypatch):
    monkeypatch.setattr(counting, "FLUSH_ROWS", 2)
    for n in range(5):
        counting.count(f"/side-{n}/")
    assert counting.flush() == 5
    assert PageViews.objects.count() == 5
