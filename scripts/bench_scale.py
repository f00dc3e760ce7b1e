#!/usr/bin/env python
"""The site at the size of an association's archive after years: every page measured at seed size, then again
after a deterministic scale fixture is added (2,004 publications, 501 survey reports with 2,763 key findings, 5,001
articles, 201 knowledge-centre links, 51 theme pages with 405 sections and 1,207 links, 69 organisations, 24 themes;
covers and PDFs on some items, revisions on some), or ``SCALE`` times that, and the database's statistics gathered.

Each page is requested in this process with production settings and the page cache off: SQL queries, rows those
return, server time (median of three, after one warm-up) and bytes, at seed size and at scale, with the ratio. It
prints; it never asserts. A throw-away database: SQLite, or PostgreSQL when DATABASE_URL names a server.

    python scripts/bench_scale.py
    SCALE=10 python scripts/bench_scale.py
"""

import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]


HEADERS = {"X-Forwarded-Proto": "https"}
VOLUME = {
    "organisations": 69,
    "themes": 24,
    "publications": 2004,
    "reports": 501,
    "findings": 2763,
    "articles": 5001,
    "knowledge_centre_links": 201,
    "theme_pages": 51,
    "sections": 405,
    "links": 1207,
}
SEED = 2026
#: Requests a worker serves before gunicorn replaces it (``max_requests`` in deploy/gunicorn.conf.py, less jitter).
WORKER_REQUESTS = 5000
#: The archive's volume as a multiple of ``VOLUME`` (``SCALE=10 make bench-scale``).
SCALE = int(os.environ.get("SCALE", "1"))


class Writer:
    """Danish text from the seed's own words, varied and deterministic."""

    def __init__(self, rng, corpus):
        words = re.findall(r"[A-Za-zÆØÅæøå]{2,}", corpus)
        self.rng = rng
        self.words = sorted({word.lower() for word in words})
        # Invented compounds widen the vocabulary, as an archive's does over the years.
        firsts, seconds = self.rng.choices(self.words, k=1500), self.rng.choices(self.words, k=1500)
        self.words += [a + b for a, b in zip(firsts, seconds, strict=True)]

    def words_(self, low, high):
        return [self.rng.choice(self.words) for _ in range(self.rng.randint(low, high))]

    def title(self):
        words = self.words_(2, 6)
        while len(words) > 1 and len(" ".join(words)) > 120:  # compounds are long; titles fit their fields
            words.pop()
        return " ".join(words).capitalize()

    def sentence(self):
        return " ".join(self.words_(6, 18)).capitalize() + "."

    def paragraphs(self, low=1, high=4):
        return "".join(
            f"<p>{' '.join(self.sentence() for _ in range(self.rng.randint(2, 5)))}</p>"
            for _ in range(self.rng.randint(low, high))
        )


def files():
    """A few covers (JPEG, via Pillow) and a PDF, stored once and shared by the items that have one."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    covers = []
    for n, colour in enumerate(["#205067", "#b35c00", "#2e7d32", "#6a1b9a"]):
        buffer = io.BytesIO()
        Image.new("RGB", (600, 848), colour).save(buffer, "JPEG", quality=80)
        covers.append(default_storage.save(f"skala/omslag-{n}.jpg", ContentFile(buffer.getvalue())))
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    document = default_storage.save("skala/rapport.pdf", ContentFile(pdf))
    return covers, document


def unique_slug(text, n):
    from django.utils.text import slugify

    return f"{slugify(text)[:150]}-{n}"


def generate(volume=VOLUME):
    """Adds the scale fixture to what the seed made, up to ``volume`` (bulk inserts; a few items saved with a
    revision, as editors' saves make them)."""
    import reversion
    from django.db import transaction

    from articles.models import Article
    from publications.models import KeyFinding, Publication, SurveyReport
    from velfaerd.content.models import LeadershipTheme, Organisation
    from velfaerd.knowledge.models import KnowledgeCentreLink
    from velfaerd.pages.models import CallToAction, PageSection, Section, ThemePage

    rng = random.Random(SEED)  # noqa: S311  (made-up content, the same every run)
    corpus = " ".join(
        [p.intro for p in ThemePage.objects.all()]
        + [s.body for s in PageSection.objects.all()]
        + [p.summary for p in Publication.objects.all()]
        + [a.body for a in Article.objects.all()]
    )
    write = Writer(rng, re.sub(r"<[^>]+>", " ", corpus))
    covers, document = files()

    def top_up(model, wanted, make):
        have = model.objects.count()
        rows = [make(n) for n in range(have, wanted)]
        model.objects.bulk_create(rows, batch_size=500)
        return list(model.objects.all())

    with transaction.atomic():
        organisations = top_up(
            Organisation,
            volume["organisations"],
            lambda n: Organisation(name=f"{write.title()} {n}", slug=f"organisation-{n}", url=f"https://org{n}.dk/"),
        )
        themes = top_up(
            LeadershipTheme,
            volume["themes"],
            lambda n: LeadershipTheme(name=f"{write.title()} {n}", slug=f"tema-{n}", order=n),
        )

        def publication(n):
            title = write.title()
            cover = rng.random() < 0.05
            return Publication(
                title=title,
                slug=unique_slug(title, n),
                subtitle=write.title() if rng.random() < 0.4 else "",
                kind=rng.choice(Publication.Kind.values),
                summary=write.paragraphs(1, 3),
                year=rng.randint(2005, 2026),
                is_published=rng.random() < 0.95,
                cover=rng.choice(covers) if cover else "",
                cover_alt=write.title() if cover else "",
                cover_width=600 if cover else None,
                cover_height=848 if cover else None,
                document=document if rng.random() < 0.03 else "",
            )

        publications = top_up(Publication, volume["publications"], publication)

        def report(n):
            title = write.title()
            return SurveyReport(
                title=title,
                slug=unique_slug(title, n),
                organisation=rng.choice(organisations),
                year=rng.randint(2005, 2026),
                respondents=rng.randint(50, 5000),
                summary=write.paragraphs(1, 3),
                is_published=rng.random() < 0.95,
                document=document if rng.random() < 0.1 else "",
            )

        reports = top_up(SurveyReport, volume["reports"], report)
        have = KeyFinding.objects.count()
        KeyFinding.objects.bulk_create(
            [
                KeyFinding(report=rng.choice(reports), order=n, text=write.sentence())
                for n in range(have, volume["findings"])
            ],
            batch_size=500,
        )

        def article(n):
            title = write.title()
            return Article(
                title=title,
                slug=unique_slug(title, n),
                author=f"{write.title().split()[0]} {write.title().split()[0]}",
                standfirst=write.sentence(),
                body=write.paragraphs(3, 8),
                source=rng.choice(organisations),
                date=f"{rng.randint(2005, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                is_published=rng.random() < 0.95,
            )

        articles = top_up(Article, volume["articles"], article)
        links = top_up(
            KnowledgeCentreLink,
            volume["knowledge_centre_links"],
            lambda n: KnowledgeCentreLink(
                name=f"{write.title()} {n}",
                slug=f"videncenter-{n}",
                url=f"https://videncenter{n}.dk/",
                description=write.paragraphs(1, 2),
            ),
        )
        for model, items in ((Publication, publications), (SurveyReport, reports), (Article, articles)):
            through = model.themes.through
            field = f"{model._meta.model_name}_id"
            through.objects.bulk_create(
                [
                    through(**{field: item.pk, "leadershiptheme_id": theme.pk})
                    for item in items
                    for theme in rng.sample(themes, rng.randint(0, 3))
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )

        section = Section.objects.first()
        pages = top_up(
            ThemePage,
            volume["theme_pages"],
            lambda n: ThemePage(
                section=section, title=write.title(), slug=f"temaside-{n}", intro=write.paragraphs(1, 2), order=n
            ),
        )
        have = PageSection.objects.count()
        PageSection.objects.bulk_create(
            [
                PageSection(page=pages[n % len(pages)], order=n, heading=write.title(), body=write.paragraphs(1, 4))
                for n in range(have, volume["sections"])
            ],
            batch_size=500,
        )
        sections = list(PageSection.objects.all())
        targets = [publications, reports, articles, links]
        kinds = CallToAction.TARGET_FIELDS
        rows = []
        for n in range(CallToAction.objects.count(), volume["links"]):
            kind = rng.randrange(4)
            target = rng.choice(targets[kind])
            rows.append(
                CallToAction(
                    section=sections[n % len(sections)], order=n, text=f"Læs {target}"[:200], **{kinds[kind]: target}
                )
            )
        CallToAction.objects.bulk_create(rows, batch_size=500)

        # Some items have a history, as an editor's saves leave one.
        for item in rng.sample(publications, 100) + rng.sample(articles, 100) + pages[:10]:
            with reversion.create_revision():
                item.save()
                reversion.set_comment("Rettet.")


def analyze():
    """The database's statistics of what was just added, as autovacuum gathers them within a minute of a bulk import
    on PostgreSQL (SQLite keeps none unless asked): measured before them, plans are made for an empty archive."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pages_to_measure():
    """(label, path, as an editor?) for every page in the issue's table and each public list and detail page."""
    from django.urls import reverse

    from articles.models import Article
    from publications.models import Publication, SurveyReport
    from velfaerd.content.models import LeadershipTheme
    from velfaerd.knowledge.models import KnowledgeCentreLink
    from velfaerd.pages.models import ThemePage

    page = ThemePage.objects.get(slug="velfaerdsledelse")
    largest = max(ThemePage.objects.all(), key=lambda p: sum(s.calls_to_action.count() for s in p.parts.all()))
    theme = LeadershipTheme.objects.order_by("pk").first()  # one of the seed's, with content of every kind
    listed = Article.objects.published().order_by("-publish_at", "title", "pk").values_list("pk", flat=True)
    deep = listed[max(0, listed.count() * 3 // 4)]  # a page three quarters into the list, from an item
    return [
        ("front page", "/", False),
        ("theme page", page.get_absolute_url(), False),
        ("section", "/leder/", False),
        ("publication list", "/publikationer/", False),
        ("publication", Publication.objects.published().order_by("pk").first().get_absolute_url(), False),
        ("report list", "/rapporter/", False),
        ("report", SurveyReport.objects.published().order_by("pk").first().get_absolute_url(), False),
        ("article list", "/artikler/", False),
        ("article list, last page", "/artikler/?page=last", False),
        ("article list, deep page", f"/artikler/?efter={deep}", False),
        ("article", Article.objects.published().order_by("pk").first().get_absolute_url(), False),
        ("knowledge centre", KnowledgeCentreLink.objects.order_by("pk").first().get_absolute_url(), False),
        ("themes", "/temaer/", False),
        ("theme tag page", reverse("theme-detail", kwargs={"slug": theme.slug}), False),
        ("search", "/soeg/?q=ledelse", False),
        ("sitemap index", "/sitemap.xml", False),
        ("sitemap, articles", "/sitemap-articles-article.xml", False),
        ("feed", "/feed/", False),
        ("admin index", "/admin/", True),
        ("content health", "/admin/indholdstjek/", True),
        ("publication changelist", "/admin/publications/publication/", True),
        ("theme page form", f"/admin/velfaerd/themepage/{page.pk}/change/", True),
        ("largest theme page form", f"/admin/velfaerd/themepage/{largest.pk}/change/", True),
    ]


class Fetched:
    """The SQL statements run inside the block, and the rows their SELECTs return: each counted afterwards as
    SELECT COUNT(*) of itself, over the same data."""

    def __enter__(self):
        from django.db import connection

        self.statements = []
        self._wrapper = connection.execute_wrapper(self._record)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def _record(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)

    @property
    def queries(self):
        return len(self.statements)

    def rows(self):
        from django.db import connection

        total = 0
        with connection.cursor() as cursor:
            for sql, params in self.statements:
                if sql.lstrip()[:6].upper() in ("SELECT", "WITH") and "FOR UPDATE" not in sql.upper():
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS fetched", params)  # noqa: S608 (its own SQL)
                    total += cursor.fetchone()[0]
        return total


def measure(paths):
    from django.contrib.auth import get_user_model
    from django.test import Client

    visitor = Client(headers=HEADERS, HTTP_HOST="127.0.0.1")
    editor = Client(headers=HEADERS, HTTP_HOST="127.0.0.1")
    editor.force_login(get_user_model().objects.get(is_superuser=True))
    facts = {}
    for label, path, as_editor in paths:
        client = editor if as_editor else visitor
        client.get(path)  # warm: templates, translations, the connection
        times = []
        for _ in range(3):
            with Fetched() as fetched:
                start = time.perf_counter()
                response = client.get(path)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                times.append((time.perf_counter() - start) * 1000)
        facts[label] = {
            "path": path,
            "status": response.status_code,
            "queries": fetched.queries,
            "rows": fetched.rows(),
            "ms": statistics.median(times),
            "bytes": len(body),
        }
    return facts


def addresses():
    """Every address in the sitemap."""
    from velfaerd.urls import SITEMAPS

    sitemaps = [sitemap() if isinstance(sitemap, type) else sitemap for sitemap in SITEMAPS.values()]
    return sorted({sitemap.location(item) for sitemap in sitemaps for item in sitemap.items()})


def rss_mb():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def crawl(listing):
    """In a process of its own, as a worker: every address in the sitemap (read from the file ``listing``, so that
    finding them is not this process's work), the sitemap's pages and the feed, each requested once through the WSGI
    application as gunicorn calls it (django.test's client would load modules a worker never has); prints the memory
    after the first request, after as many as a worker serves before gunicorn replaces it, and after the last, and
    how long it took."""
    from wsgiref.util import setup_testing_defaults

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()

    def get(address):
        path, _, query = address.partition("?")
        environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "127.0.0.1"}
        environ |= {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in HEADERS.items()}
        setup_testing_defaults(environ)
        status = []
        result = application(environ, lambda line, headers, exc_info=None: status.append(line))
        try:
            body = b"".join(result)
        finally:
            result.close()  # as a server does: the request's end (request_finished)
        return int(status[0].split()[0]), body

    get("/")
    before = rss_mb()
    urls = [*Path(listing).read_text().split(), "/feed/", "/sitemap.xml"]
    sitemap = get("/sitemap.xml")[1].decode()
    urls += [url.split("127.0.0.1", 1)[-1] for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    started = time.perf_counter()
    failed, at_recycling = 0, None
    for served, url in enumerate(urls, start=1):
        failed += get(url)[0] != 200
        if served == WORKER_REQUESTS:
            at_recycling = rss_mb()
    seconds = time.perf_counter() - started
    print(f"{len(urls)} {failed} {seconds:.1f} {before:.0f} {at_recycling or 0:.0f} {rss_mb():.0f}")


def cache_after_an_unrelated_edit():
    """Fills the page cache with a sample of the site's pages (each of its addresses with the same chance), fixes
    a typo in a publication no page links to, and counts the sampled pages still served from the cache (nothing
    read but the content version and its log)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from publications.models import Publication
    from velfaerd.pages.models import CallToAction

    # A uniform sample of the site's addresses (every one in the sitemap), and the feed and the sitemap itself.
    everything = addresses()
    urls = [*everything[:: max(1, len(everything) // 350)], "/feed/", "/sitemap.xml"]
    linked = CallToAction.objects.exclude(publication=None).values("publication")
    unlinked = (
        Publication.objects.exclude(pk__in=linked)
        .exclude(slug__in=[url.rstrip("/").rsplit("/", 1)[-1] for url in urls])[:1]
        .get()
    )
    visitor = Client(headers=HEADERS, HTTP_HOST="127.0.0.1")
    with override_settings(PAGE_CACHE_SECONDS=3600):
        for url in urls:
            visitor.get(url)
        unlinked.title = unlinked.title + " (rettet)"
        unlinked.save()
        kept = 0
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                visitor.get(url)
            kept += all("velfaerd_content" in q["sql"] for q in queries.captured_queries)
    return kept, len(urls), len(everything)


def main():
    # Here, not above: the crawl's process, a worker's stand-in, has no use for the harness's HTTP client.
    from harness import prepare, site_environment

    folder = Path(tempfile.mkdtemp(prefix="velfaerd-scale-"))
    env, database = site_environment(folder, "velfaerd_scale", os.environ.get("DATABASE_URL"))
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    prepare(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache

    seed = measure(pages_to_measure())
    started = time.perf_counter()
    generate({name: count * SCALE for name, count in VOLUME.items()})
    analyze()
    cache.clear()
    made = time.perf_counter() - started
    scale = measure(pages_to_measure())
    kept, sampled, site_size = cache_after_an_unrelated_edit()
    listing = folder / "addresses.txt"
    listing.write_text("\n".join(addresses()))
    crawled = subprocess.run(
        [sys.executable, __file__, "--crawl", str(listing)], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    shutil.rmtree(folder, ignore_errors=True)

    print(f"Scale benchmark: {database}, production settings, page cache off, in-process (median of 3)")
    print(f"Fixture (×{SCALE}): " + ", ".join(f"{n * SCALE:,} {name.replace('_', ' ')}" for name, n in VOLUME.items()))
    print(f"(made in {made:.1f} s)")
    header = (
        f"{'page':<26}{'SQL':>5}{'rows':>6}{'ms':>9}{'KB':>8}{'SQL':>7}{'rows':>6}{'ms':>9}{'KB':>8}{'ms ×':>7}  status"
    )
    print(f"{'':<26}{'--- seed ---':>28}{'--- at scale ---':>30}")
    print(header)
    print("-" * len(header))
    for label, at_seed in seed.items():
        big = scale[label]
        ratio = big["ms"] / at_seed["ms"] if at_seed["ms"] else 0
        status = "" if big["status"] == at_seed["status"] == 200 else f"{at_seed['status']} → {big['status']}"
        print(
            f"{label:<26}{at_seed['queries']:>5}{at_seed['rows']:>6}{at_seed['ms']:>9.1f}"
            f"{at_seed['bytes'] / 1024:>8.1f}{big['queries']:>7}{big['rows']:>6}{big['ms']:>9.1f}"
            f"{big['bytes'] / 1024:>8.1f}{ratio:>7.1f}  {status}"
        )
    print(
        f"\nPage cache at scale: after a typo fix to a publication no page links to, {kept} of {sampled} cached "
        f"pages (a sample of the site's {site_size:,} addresses) are still served from the cache "
        f"({100 * kept / sampled:.0f}%)."
    )
    urls, failed, seconds, before, at_recycling, after = crawled
    print(
        f"A full crawl at scale in a process of its own, as a worker: {int(urls):,} addresses ({failed} not 200) "
        f"in {float(seconds):.0f} s; its memory {before} MB before, {at_recycling} MB after {WORKER_REQUESTS:,} "
        f"requests (when gunicorn replaces a worker), {after} MB after all."
    )


if __name__ == "__main__":
    crawl(sys.argv[2]) if sys.argv[1:2] == ["--crawl"] else main()
