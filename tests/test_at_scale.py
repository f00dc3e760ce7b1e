"""At the archive's size (make bench-scale's fixture: 2,004 publications, 5,001 articles, 51 theme pages...), no
page a visitor or an editor opens works over all content: it runs the queries it runs at half that size, and the
rows they return stay within what one page shows. Counts, not times, so the test is deterministic."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_scale

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

#: The most rows a page may fetch: a list shows a page of items with their themes, the theme page form its
#: sections and links with the choices of their selects, and navigation lists (a section's theme pages, the
#: themes) are shown whole: they are tens, not thousands. The content itself is over 12,000 rows.
MOST_ROWS = 400


def counts(pages, client, editor):
    found = {}
    for label, path, as_editor in pages:
        with bench_scale.Fetched() as fetched:
            response = (editor if as_editor else client).get(path)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, (label, path, response.status_code)
        found[label] = (fetched.queries, fetched.rows())
    return found


def grow_to(volume):
    from django.core.cache import cache

    from velfaerd.editorial import health

    bench_scale.generate(volume)
    health.check_changed()  # what runs after the commit (the test's transaction is never committed)
    cache.clear()


def test_no_page_works_over_all_content(client, django_user_model, settings):
    from django.core.management import call_command
    from django.test import Client

    from velfaerd.search.search import sources
    from velfaerd.seo.sitemaps import PAGE_SIZE

    settings.PAGE_CACHE_SECONDS = 0
    call_command("load_seed", verbosity=0)
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "et-langt-kodeord-42"))
    grow_to({kind: n // 2 for kind, n in bench_scale.VOLUME.items()})
    for _label, path, as_editor in bench_scale.pages_to_measure():
        (editor if as_editor else client).get(path)  # warm: what is read once per process is not counted
    at_half = counts(bench_scale.pages_to_measure(), client, editor)

    grow_to(bench_scale.VOLUME)
    # Warm again: what is counted once after a change (the sitemap index's figures of what changed) is not counted.
    for _label, path, as_editor in bench_scale.pages_to_measure():
        (editor if as_editor else client).get(path)
    at_scale = counts(bench_scale.pages_to_measure(), client, editor)

    report = {label: (at_half[label], at_scale[label]) for label in at_half}
    # Search fetches what is shown with one query per kind on its page of hits: at most one per kind.
    most = 2 + len(sources())  # the page of hits, their count, one query per kind
    assert at_half.pop("search")[0] <= most, report
    assert at_scale.pop("search")[0] <= most, report
    assert {label: s[0] for label, s in at_scale.items()} == {label: s[0] for label, s in at_half.items()}, report
    # A sitemap section's page lists its page of addresses (and counts them).
    assert at_scale.pop("sitemap, articles")[1] <= PAGE_SIZE + 1, report
    assert {label: rows for label, (_q, rows) in at_scale.items() if rows > MOST_ROWS} == {}, report
