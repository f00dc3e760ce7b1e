"""True dates: the seed's content carries the seed's dates; feeds and the sitemap say when an item was first
published and when it last changed substantively (a typo fixed is not such a change), on every address."""

import datetime
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.admin import change_url, save

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SEED_DAY = datetime.date(2017, 2, 13)


def parse(xml):
    return ET.fromstring(xml)  # noqa: S314 (the site's own feeds and sitemap, not input from outside)


def local_day(text):
    """The day on the site's clock of an RFC 3339 moment."""
    return timezone.localtime(datetime.datetime.fromisoformat(text)).date()


def atom_entries(client):
    feed = parse(client.get("/feed/atom/").content)
    return {
        entry.findtext(f"{ATOM}title"): (
            local_day(entry.findtext(f"{ATOM}published")),
            local_day(entry.findtext(f"{ATOM}updated")),
        )
        for entry in feed.iter(f"{ATOM}entry")
    }


def sitemap_dates(client):
    """{address: lastmod} over every section of the sitemap."""
    index = parse(client.get("/sitemap.xml").content)
    dates = {}
    for section in index.iter(f"{SITEMAP}loc"):
        urls = parse(client.get(section.text.split("testserver", 1)[1]).content)
        for url in urls.iter(f"{SITEMAP}url"):
            dates[url.findtext(f"{SITEMAP}loc").split("testserver", 1)[1]] = url.findtext(f"{SITEMAP}lastmod")
    return dates


def test_the_seed_content_carries_the_seed_s_dates_in_the_feeds(client, seeded):
    entries = atom_entries(client)
    assert entries["Velfærdsledelse"] == (SEED_DAY, SEED_DAY)
    assert entries["Maskinrummet"] == (SEED_DAY, SEED_DAY)
    assert entries["Ud med dokumentationstyranniet og ind med tillid"] == (SEED_DAY, SEED_DAY)
    assert entries["COK´s lederundersøgelse 2015"] == (datetime.date(2015, 1, 1),) * 2
    assert timezone.localdate() not in {day for dates in entries.values() for day in dates}
    rss = parse(client.get("/feed/").content)
    published = {
        item.findtext("title"): timezone.localtime(parsedate_to_datetime(item.findtext("pubDate"))).date()
        for item in rss.iter("item")
    }
    assert published == {title: dates[0] for title, dates in entries.items()}
    assert timezone.localtime(parsedate_to_datetime(rss.findtext("channel/lastBuildDate"))).date() == SEED_DAY


def test_every_address_in_the_sitemap_has_its_date_from_the_content(client, seeded):
    dates = sitemap_dates(client)
    assert len(dates) > 15
    assert all(dates.values()), [url for url, lastmod in dates.items() if not lastmod]
    assert dates["/leder/velfaerdsledelse/"] == "2017-02-13"
    assert dates["/publikationer/maskinrummet/"].startswith("2017-02-1")  # midnight in Copenhagen, in UTC
    assert dates["/rapporter/"].startswith("2014-12-31") or dates["/rapporter/"].startswith("2015-01-01")
    for listing in ("/", "/publikationer/", "/artikler/", "/temaer/"):
        assert listing in dates
    today = timezone.localdate().isoformat()
    stamped_today = [url for url, lastmod in dates.items() if lastmod.startswith(today)]
    # The site's own pages, made by the seed now.
    assert sorted(stamped_today) == ["/om/privatliv/", "/om/tilgaengelighedserklaering/"]


def test_first_published_follows_the_schedule_until_visitors_have_seen_it_then_stays():
    later = timezone.now() + datetime.timedelta(days=3)
    item = factories.make_publication(publish_at=later)
    assert item.first_published_at == later
    item.publish_at = later + datetime.timedelta(days=1)
    item.save()
    assert item.first_published_at == item.publish_at  # not seen yet: it follows

    seen = timezone.now() - datetime.timedelta(days=3)
    item = factories.make_publication(publish_at=seen)
    item.publish_at = timezone.now() + datetime.timedelta(days=1)  # taken down and scheduled again
    item.save()
    item.refresh_from_db()
    assert item.first_published_at == seen
    assert item.changed_at == seen

    draft = factories.make_publication(is_published=False)
    assert draft.first_published_at is None
    assert draft.changed_at is None


def test_a_substantive_change_moves_the_date_feeds_and_sitemap_give_a_typo_fix_does_not(admin_client, seeded):
    from publications.models import Publication

    item = Publication.objects.get(slug="maskinrummet")
    url = change_url(item)
    assert save(admin_client, url, "publication_form", title="Maskinrummet.").status_code == 302
    item.refresh_from_db()
    assert timezone.localtime(item.changed_at).date() == SEED_DAY
    assert sitemap_dates(admin_client)["/publikationer/maskinrummet/"].startswith("2017-02-1")

    response = save(admin_client, url, "publication_form", title="Maskinrummet", substantive_change="on")
    assert response.status_code == 302
    item.refresh_from_db()
    assert timezone.localtime(item.changed_at).date() == timezone.localdate()
    assert timezone.localtime(item.first_published_at).date() == SEED_DAY
    published, updated = atom_entries(admin_client)["Maskinrummet"]
    assert (published, updated) == (SEED_DAY, timezone.localdate())
    # The theme page that links to it moved its "Sidst opdateret", and so its date in the sitemap.
    dates = sitemap_dates(admin_client)
    assert dates["/leder/velfaerdsledelse/"] == timezone.localdate().isoformat()
    assert re.match(timezone.localdate().isoformat(), dates["/publikationer/"])
