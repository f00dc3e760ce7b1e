"""Checks every external address the site shows: item web addresses and every link inside rich text.

Requests run concurrently with a time limit each, at most a few at a time per host, with retries on transient
errors; redirects are followed and recorded. Results are kept in ``LinkCheck`` with where each address is used.
"""

import asyncio
import dataclasses
import ipaddress
import logging
import socket
import threading
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velfaerd.content.readability import links
from velfaerd.content.richtext import RichTextField

from .health import iter_field_values, usage
from .models import LinkCheck

logger = logging.getLogger(__name__)

Status = LinkCheck.Status

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


class InternalAddress(Exception):
    """The address leads into this server's own network: it is not fetched."""


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


def is_internal_ip(address):
    """True for every address that is not on the public internet: loopback, private, link-local (such as
    169.254.169.254, where clouds answer with their secrets), shared, reserved, multicast and unspecified ones,
    also written as IPv4 inside IPv6."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def public_addresses(host, port):
    """Every address ``host`` resolves to, refused (InternalAddress) when any of them is internal. The
    connection is then made to one of exactly these addresses, so the name cannot resolve elsewhere between the
    check and the request. A host written as a number in any form ("2130706433", "0x7f.1") resolves as the
    system would resolve it, and is checked the same way."""
    import httpx  # here, not above: a worker that checks no links never loads it (nor its command line's rich)

    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise httpx.ConnectError(_("The host name could not be found.")) from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES and any(is_internal_ip(a) for a in addresses):
        raise InternalAddress(host)
    return addresses


class Checker:
    """``timeout``: seconds for each network step; ``deadline``: seconds for one address in all, redirects and
    slow answers included; ``run_deadline``: seconds for the whole run (what is left is reported as not checked)."""

    def __init__(
        self, *, timeout=10.0, retries=2, per_host=2, concurrency=10, backoff=0.5, deadline=None, run_deadline=600
    ):
        self.timeout = timeout
        self.deadline = deadline or 3 * timeout
        self.run_deadline = run_deadline
        self.retries = retries
        self.per_host = per_host
        self.backoff = backoff
        self._all = asyncio.Semaphore(concurrency)
        self._hosts = defaultdict(lambda: asyncio.Semaphore(self.per_host))

    async def check(self, client, url):
        attempt = 0
        while True:
            try:
                result = await asyncio.wait_for(self._check_once(client, url), self.deadline)
            except TimeoutError:
                error = _("No complete answer within %(seconds)s seconds.") % {"seconds": f"{self.deadline:g}"}
                result = Result(url, Status.UNREACHABLE, error=error)
            transient = result.status_code in TRANSIENT_CODES or result.status == Status.UNREACHABLE
            if not transient or attempt >= self.retries:
                return result
            attempt += 1
            await asyncio.sleep(self.backoff * 2 ** (attempt - 1))

    async def _request(self, client, url):
        import httpx

        target = httpx.URL(url)
        port = target.port or (443 if target.scheme == "https" else 80)
        addresses = await public_addresses(target.host, port)
        # To the address that was checked, with the name in the Host header and for TLS (SNI and certificate).
        pinned = target.copy_with(host=addresses[0])
        headers = {"Host": target.netloc.decode("ascii")}
        extensions = {"sni_hostname": target.host}
        async with (
            self._all,
            self._hosts[target.host],
            client.stream("GET", pinned, headers=headers, extensions=extensions) as response,
        ):
            return response.status_code, response.headers.get("location")

    async def _check_once(self, client, url):
        import httpx

        redirects = []
        current = url
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                # Every hop is checked as the first one was: a redirect into the internal network is not followed.
                code, location = await self._request(client, current)
                if code in REDIRECT_CODES and location:
                    redirects.append({"status": code, "url": current})
                    current = urljoin(current, location)
                    if not _is_external(current):
                        return Result(url, Status.BROKEN, code, current, redirects, _("Redirects to no web address."))
                    continue
                if not 200 <= code < 300:
                    return Result(url, Status.BROKEN, code, current, redirects)
                status = Status.REDIRECT if redirects else Status.OK
                return Result(url, status, code, current, redirects)
            return Result(url, Status.BROKEN, None, current, redirects, _("Too many redirects."))
        except InternalAddress:
            return Result(url, Status.INTERNAL, None, current, redirects)
        except httpx.TimeoutException:
            error = _("No answer within %(seconds)s seconds.") % {"seconds": f"{self.timeout:g}"}
        except httpx.ConnectError:
            error = _("Could not connect.")
        except httpx.HTTPError as failure:
            error = type(failure).__name__
        return Result(url, Status.UNREACHABLE, None, current, redirects, error)

    async def check_all(self, urls, progress=None):
        import httpx

        timeout = httpx.Timeout(self.timeout)
        headers = {"User-Agent": USER_AGENT}
        results = {}
        async with httpx.AsyncClient(
            timeout=timeout, headers=headers, follow_redirects=False, trust_env=False
        ) as client:
            tasks = {asyncio.ensure_future(self.check(client, url)): url for url in urls}
            try:
                async with asyncio.timeout(self.run_deadline):
                    for task in asyncio.as_completed(tasks):
                        result = await task
                        results[result.url] = result
                        if progress is not None:
                            progress.update(1)
            except TimeoutError:
                for task in tasks:
                    task.cancel()
                error = _("Not checked: the run reached its time limit of %(seconds)s seconds.") % {
                    "seconds": f"{self.run_deadline:g}"
                }
                for url in urls:
                    results.setdefault(url, Result(url, Status.UNREACHABLE, error=error))
        return sorted(results.values(), key=lambda r: r.url)


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


# "Tjek links nu" on the content-health page: the same check, in a thread of the worker that was asked, outside the
# request (which answers at once); its progress is kept in the shared cache, so any worker's page can show it.
RUN_KEY = "velfaerd:linkcheck:run"
LOCK_KEY = "velfaerd:linkcheck:lock"
#: The longest a run may hold the lock (a worker that died mid-run frees it then); what a finished run said is
#: shown for an hour.
RUN_SECONDS, SHOWN_SECONDS = 15 * 60, 60 * 60


class CachedProgress:
    """A progress bar for ``check_links`` that writes to the cache: done of total."""

    def __init__(self, total):
        self.total, self.done = total, 0
        self._write()

    def update(self, count):
        self.done += count
        self._write()

    def close(self):
        pass

    def _write(self):
        cache.set(RUN_KEY, {"state": "running", "done": self.done, "total": self.total}, RUN_SECONDS)


def start_in_background():
    """Start a check unless one runs already; True when started."""
    if not cache.add(LOCK_KEY, True, RUN_SECONDS):
        return False
    cache.set(RUN_KEY, {"state": "running", "done": 0, "total": 0}, RUN_SECONDS)
    threading.Thread(target=_run_in_background, name="velfaerd-linkcheck", daemon=True).start()
    return True


def _run_in_background():
    try:
        checks = check_links(progress_factory=CachedProgress)
        broken = sum(check.is_broken for check in checks)
        cache.set(
            RUN_KEY, {"state": "done", "done": len(checks), "total": len(checks), "broken": broken}, SHOWN_SECONDS
        )
    except Exception:
        logger.exception("The link check started from the content-health page failed.")
        cache.set(RUN_KEY, {"state": "failed"}, SHOWN_SECONDS)
    finally:
        cache.delete(LOCK_KEY)
        connections.close_all()  # this thread's own database connections


def run_status():
    """What the last run started from the page says now, or None."""
    return cache.get(RUN_KEY)
