"""Checks every external address the site shows: item web addresses and every link inside rich text.

Requests run concurrently with a time limit each, at most a few at a time per host, with retries on transient
errors; redirects are followed and recorded. Results are kept in ``LinkCheck`` with where each address is used.
"""

import asyncio
import dataclasses
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import httpx
from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .health import iter_field_values, usage
from .readability import links
from .richtext import RichTextField

REDIRECT_CODES = {301, 302, 303, 307, 308}
TRANSIENT_CODES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10
USER_AGENT = "Velfaerd-linkcheck/1.0"


@dataclasses.dataclass
class Result:
    url: str
    status: str
    status_code: int | None = None
    final_url: str = ""
    redirects: list = dataclasses.field(default_factory=list)
    error: str = ""


def _is_external(url):
    return urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def collect_links():
    """Every external address in content: {url: [usage, ...]}, from the models' URL and rich-text fields."""
    found = defaultdict(list)
    for obj, field, value in iter_field_values((models.URLField, RichTextField)):
        urls = [value] if isinstance(field, models.URLField) else [href for href, _text in links(value)]
        for url in urls:
            if _is_external(url) and (place := usage(obj, field)) not in found[url]:
                found[url].append(place)
    return dict(found)


class Checker:
    def __init__(self, *, timeout=10.0, retries=2, per_host=2, concurrency=10, backoff=0.5):
        self.timeout = timeout
        self.retries = retries
        self.per_host = per_host
        self.backoff = backoff
        self._all = asyncio.Semaphore(concurrency)
        self._hosts = defaultdict(lambda: asyncio.Semaphore(self.per_host))

    async def check(self, client, url):
        attempt = 0
        while True:
            result = await self._check_once(client, url)
            transient = result.status_code in TRANSIENT_CODES or result.status == "unreachable"
            if not transient or attempt >= self.retries:
                return result
            attempt += 1
            await asyncio.sleep(self.backoff * 2 ** (attempt - 1))

    async def _request(self, client, url):
        async with self._all, self._hosts[urlsplit(url).netloc], client.stream("GET", url) as response:
            return response.status_code, response.headers.get("location")

    async def _check_once(self, client, url):
        redirects = []
        current = url
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                code, location = await self._request(client, current)
                if code in REDIRECT_CODES and location:
                    redirects.append({"status": code, "url": current})
                    current = urljoin(current, location)
                    continue
                if not 200 <= code < 300:
                    return Result(url, "broken", code, current, redirects)
                status = "redirect" if redirects else "ok"
                return Result(url, status, code, current, redirects)
            return Result(url, "broken", None, current, redirects, _("Too many redirects."))
        except httpx.TimeoutException:
            error = _("No answer within %(seconds)s seconds.") % {"seconds": f"{self.timeout:g}"}
        except httpx.ConnectError as failure:
            error = _("Could not connect: %(error)s") % {"error": failure or type(failure).__name__}
        except httpx.HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"
        return Result(url, "unreachable", None, current, redirects, error)

    async def check_all(self, urls, progress=None):
        timeout = httpx.Timeout(self.timeout)
        headers = {"User-Agent": USER_AGENT}
        async with httpx.AsyncClient(timeout=timeout, headers=headers, follow_redirects=False) as client:
            tasks = [asyncio.ensure_future(self.check(client, url)) for url in urls]
            results = []
            for task in asyncio.as_completed(tasks):
                results.append(await task)
                if progress is not None:
                    progress.update(1)
            return sorted(results, key=lambda r: r.url)


def check_links(*, progress_factory=None, **options):
    """Collect, check and store. Returns the stored results."""
    found = collect_links()
    progress = progress_factory(total=len(found)) if progress_factory else None
    try:
        results = asyncio.run(Checker(**options).check_all(sorted(found), progress))
    finally:
        if progress is not None:
            progress.close()
    return store(results, found)


def store(results, found):
    LinkCheck = apps.get_model("velfaerd", "LinkCheck")
    now = timezone.now()
    with transaction.atomic():
        LinkCheck.objects.exclude(url__in=list(found)).delete()
        for result in results:
            LinkCheck.objects.update_or_create(
                url=result.url,
                defaults={
                    "status": result.status,
                    "status_code": result.status_code,
                    "final_url": result.final_url,
                    "redirects": result.redirects,
                    "error": result.error,
                    "checked_at": now,
                    "usages": found[result.url],
                },
            )
    return list(LinkCheck.objects.filter(url__in=list(found)))
