#!/usr/bin/env python
"""The benchmark: the site with production settings under gunicorn (2 sync workers) on 127.0.0.1, loaded with
bounded concurrency and duration, next to a trivial page of the same size served by the same process (the ceiling).

It prints one table and never asserts. wrk is used when it is installed (Debian: apt-get install wrk), otherwise
a small Python client (slower, so the absolute figures are lower; the ratios stay comparable).

    python scripts/bench.py [--seconds 5] [--connections 8]
"""

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Server, prepare, site_environment

PAGES = [
    ("theme page", "/leder/velfaerdsledelse/"),
    ("publication page", "/publikationer/maskinrummet/"),
    ("list page", "/publikationer/"),
    ("search", "/soeg/?q=ledere"),
]
HEADERS = {"X-Forwarded-Proto": "https"}
#: What a browser sends: the pages' rows are loaded as browsers ask for them (compressed), by a reader's browser
#: (so each view is counted for the reading figures, as a reader's is).
BROWSER = HEADERS | {
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
}
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n', summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / TICKS


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_wrk(url, seconds, connections, script, headers=HEADERS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, url]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return {
        "requests": result["requests"],
        "seconds": result["seconds"],
        "errors": result["errors"] + result["non2xx"],
        "p50": result["p50"] / 1000,
        "p95": result["p95"] / 1000,
        "p99": result["p99"] / 1000,
    }


def load_python(url, seconds, connections, _script, headers=HEADERS):
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        with httpx.Client(headers=headers, timeout=10) as http:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    ok = http.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed) if ok else errors.__setitem__(0, errors[0] + 1)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "requests": len(latencies) + errors[0],
        "seconds": time.monotonic() - started,
        "errors": errors[0],
        "p50": quantiles[49],
        "p95": quantiles[94],
        "p99": quantiles[98],
    }


ROUNDS = 3


def middleware_overhead(env, args, load, script):
    """CPU per request of a trivial page through our middleware and through Django's default stack: one gunicorn
    each, measured in turn (ROUNDS times, so that the machine's ups and downs fall on both); the medians."""
    cpu = {"ours": [], "django": []}
    servers = {
        "ours": Server(env | {"DJANGO_PAGE_CACHE_SECONDS": "0"}, workers=2),
        "django": Server(env | {"DJANGO_BENCHMARK_MIDDLEWARE": "django"}, workers=2),
    }
    with contextlib.ExitStack() as running:
        for server in servers.values():
            running.enter_context(server)
            measure(server, "/_bench/1000/", argparse.Namespace(seconds=1, connections=args.connections), load, script)
        for _ in range(ROUNDS):
            for name, server in servers.items():
                cpu[name].append(measure(server, "/_bench/1000/", args, load, script)["cpu_ms"])
    return statistics.median(cpu["ours"]), statistics.median(cpu["django"])


def measure(server, path, args, load, script, headers=HEADERS):
    pids = [server.process.pid, *server.worker_pids()]
    before = cpu_seconds(pids)
    result = load(server.base + path, args.seconds, args.connections, script, headers)
    result["cpu_ms"] = (cpu_seconds(pids) - before) * 1000 / max(1, result["requests"])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def page_facts(env, paths, cached):
    """SQL queries per request (measured in this process, with the same settings and database) and sizes."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    facts = {}
    client = Client(headers=HEADERS, HTTP_HOST="127.0.0.1")
    with override_settings(PAGE_CACHE_SECONDS=3600 if cached else 0):
        for path in paths:
            cache.clear()
            if cached:
                client.get(path)  # fill the cache
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            count = len(queries)  # before the next request, which empties the log
            sent = client.get(path, headers={"Accept-Encoding": BROWSER["Accept-Encoding"]})
            facts[path] = {
                "queries": count,
                "bytes": len(response.content),
                "wire": len(sent.content),
                "coding": sent.get("Content-Encoding", "none"),
                "status": response.status_code,
            }
    return facts


def editor_facts(sections=6, links_per_section=4, runs=7):
    """The editors' heaviest screen: a theme page with ``sections`` × ``links_per_section`` links, opened and saved
    through the admin in this process (server time only; median of ``runs``)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from htmlforms import form_data

    from publications.models import Publication
    from velfaerd.pages.models import CallToAction, PageSection, Section, ThemePage

    section = Section.objects.first()
    page = ThemePage.objects.create(
        section=section, title="Målesiden", slug="maalesiden", intro="<p>Indledning.</p>", is_published=True
    )
    targets = list(Publication.objects.all())
    for n in range(sections):
        part = PageSection.objects.create(page=page, order=n, heading=f"Afsnit {n}", body="<p>Tekst.</p>")
        for m in range(links_per_section):
            target = targets[(n * links_per_section + m) % len(targets)]
            CallToAction.objects.create(section=part, order=m, text=f"Læs {target}", publication=target)
    user = get_user_model().objects.create_superuser("maaler", "maaler@example.org", "et-langt-kodeord-til-maaling")
    client = Client(headers=HEADERS, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = f"/admin/velfaerd/themepage/{page.pk}/change/"

    def timed(call):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = call()
            elapsed = time.perf_counter() - start
        return elapsed * 1000, len(queries), response

    client.get(url)  # warm: templates, translations
    opens = [timed(lambda: client.get(url)) for _ in range(runs)]
    saves = []
    for n in range(runs):
        data = form_data(client.get(url).content.decode(), "themepage_form")
        data |= {"title": f"Målesiden {n}", "_continue": "1"}
        saves.append(timed(lambda data=data: client.post(url, data)))
    if any(r[2].status_code != 200 for r in opens) or any(r[2].status_code != 302 for r in saves):
        raise SystemExit("The theme page form did not open or save as it should; no figures.")
    return {
        "links": sections * links_per_section,
        "open_ms": statistics.median(r[0] for r in opens),
        "open_sql": opens[-1][1],
        "save_ms": statistics.median(r[0] for r in saves),
        "save_sql": saves[-1][1],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="load per measurement (at most 30)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--no-reading", action="store_true", help="with the counting of page views off, to see what it costs"
    )
    args = parser.parse_args()
    args.seconds = min(args.seconds, 30)
    load = load_wrk if shutil.which("wrk") else load_python

    folder = Path(tempfile.mkdtemp(prefix="velfaerd-bench-"))
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    env, database = site_environment(
        folder,
        "velfaerd_bench",
        os.environ.get("DATABASE_URL"),
        DJANGO_BENCHMARK="1",
        DJANGO_READING_COUNT="false" if args.no_reading else "true",
    )
    prepare(env)
    facts = page_facts(env, [path for _name, path in PAGES], cached=False)
    facts_cached = page_facts(env, [PAGES[0][1]], cached=True)

    rows = []
    memory = []
    for cached in (True, False):
        run_env = env | {"DJANGO_PAGE_CACHE_SECONDS": "3600" if cached else "0"}
        with Server(run_env, workers=2) as server:
            pages = PAGES[:1] if cached else PAGES
            for name, path in pages:
                fact = (facts_cached if cached else facts)[path]
                label = f"{name} ({'cached' if cached else 'uncached'})" if name == "theme page" else name
                warm = argparse.Namespace(seconds=1, connections=args.connections)
                measure(server, path, warm, load, script, BROWSER)
                result = measure(server, path, args, load, script, BROWSER)
                ceiling = measure(server, f"/_bench/{fact['bytes']}/", args, load, script, BROWSER)
                rows.append((label, result, ceiling, fact))
            memory.append((("cache on" if cached else "cache off"), [rss_mb(pid) for pid in server.worker_pids()]))
    overhead = middleware_overhead(env, args, load, script)
    editors = editor_facts()
    shutil.rmtree(folder, ignore_errors=True)

    client = load.__name__.removeprefix("load_")
    reading = "page views not counted" if args.no_reading else "page views counted"
    print(f"Benchmark: gunicorn, 2 sync workers, {database}, production settings, {reading};")
    print(f"{client} with {args.connections} connections for {args.seconds} s per row, asking as browsers do")
    print("(Accept-Encoding: br, a browser's User-Agent); ceiling = a trivial")
    print("page of the same size in the same process, compressed as it is sent")
    header = (
        f"{'page':<24}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'CPU ms':>8}{'SQL':>5}"
        f"{'bytes':>8}{'wire':>7}{'ceiling':>9}{'ratio':>7}{'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, result, ceiling, fact in rows:
        print(
            f"{label:<24}{result['rps']:>8.0f}{result['p50']:>8.2f}{result['p95']:>8.2f}{result['p99']:>8.2f}"
            f"{result['cpu_ms']:>8.2f}{fact['queries']:>5}{fact['bytes']:>8}{fact['wire']:>7}"
            f"{ceiling['rps']:>9.0f}{result['rps'] / ceiling['rps']:>7.0%}{result['errors']:>7}"
        )
    print("CPU ms = server CPU per request (gunicorn master and workers); ratio = req/s of the page / the ceiling;")
    codings = sorted({fact["coding"] for _label, _result, _ceiling, fact in rows})
    print(f"bytes = the page; wire = bytes sent to a browser ({', '.join(codings)}).")
    for run, sizes in memory:
        print(f"Worker memory after the run ({run}): " + ", ".join(f"{mb:.0f} MB" for mb in sizes))
    ours, django = overhead
    print(
        f"Middleware: a trivial page of 1 KB costs {ours:.3f} ms of CPU through our stack and {django:.3f} ms through "
        f"Django's default one ({ours / django:.2f}x; median of {ROUNDS} interleaved runs, gunicorn included)."
    )
    print(
        f"Editors: the theme page form with {editors['links']} links opens in {editors['open_ms']:.0f} ms of server "
        f"time ({editors['open_sql']} SQL) and saves in {editors['save_ms']:.0f} ms ({editors['save_sql']} SQL)"
        " (median; in this process, after the load runs)."
    )


if __name__ == "__main__":
    main()
