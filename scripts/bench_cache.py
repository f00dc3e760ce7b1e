#!/usr/bin/env python
"""The default cache on one server, measured: Django's file cache as it was configured (5,000 entries at most)
against python-diskcache as configured now (least recently stored out first), and with least recently used out
first, filled with more pages than the site has (8,000 of 20 KB).

Prints, for each: the time per write at the start and at the end of the fill, the CPU time of a page cache hit
(the version and one page, read together as the page cache does), the share of the pages still there afterwards,
and whether two processes incrementing one counter 500 times each lose any increment.

    python scripts/bench_cache.py
"""

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "velfaerd.settings.test")

PAGES = 8000
PAGE = b"x" * 20_000
INCREMENTS = 500
HITS = 2000


def backends(folder):
    return {
        "file cache (before)": {
            "BACKEND": "velfaerd.caching.cache.FileBasedCache",
            "LOCATION": str(folder / "file"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "diskcache (now)": {
            "BACKEND": "velfaerd.caching.cache.DiskCache",
            "LOCATION": str(folder / "disk"),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": 2**30},
        },
        "diskcache, LRU": {
            "BACKEND": "velfaerd.caching.cache.DiskCache",
            "LOCATION": str(folder / "disk-lru"),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": 2**30, "eviction_policy": "least-recently-used"},
        },
    }


def make(config):
    from django.core.cache.backends.base import InvalidCacheBackendError
    from django.utils.module_loading import import_string

    try:
        backend = import_string(config["BACKEND"])
    except ImportError as error:
        raise InvalidCacheBackendError(error) from error
    params = {key: value for key, value in config.items() if key not in ("BACKEND", "LOCATION")}
    return backend(config["LOCATION"], {**params, "TIMEOUT": 3600})


def count(config, _worker):
    cache = make(config)
    for _ in range(INCREMENTS):
        cache.incr("counter")


def main():
    import django

    django.setup()
    folder = Path(tempfile.mkdtemp(prefix="velfaerd-cache-bench-"))
    folder.chmod(0o700)
    print(
        f"{'backend':<22}{'write ms, first 500':>21}{'last 500':>10}{'hit µs':>8}{'pages kept':>12}{'increments':>14}"
    )
    for name, config in backends(folder).items():
        cache = make(config)
        times = []
        for n in range(PAGES):
            start = time.perf_counter()
            cache.set(f"velfaerd:page:{n}", PAGE)
            times.append((time.perf_counter() - start) * 1000)
        kept = sum(cache.get(f"velfaerd:page:{n}") is not None for n in range(PAGES))
        cache.set("velfaerd:version", 1)
        keys = ["velfaerd:version", f"velfaerd:page:{PAGES - 1}"]
        start = time.process_time()
        for _ in range(HITS):
            cache.get_many(keys)
            cache.close()  # as Django does after every request
        hit = (time.process_time() - start) / HITS * 1e6
        cache.set("counter", 0)
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.starmap(count, [(config, 0), (config, 1)])
        counted = cache.get("counter")
        print(
            f"{name:<22}{statistics.median(times[:500]):>21.2f}{statistics.median(times[-500:]):>10.2f}{hit:>8.0f}"
            f"{100 * kept / PAGES:>11.0f}%{counted:>8} of {2 * INCREMENTS}"
        )


if __name__ == "__main__":
    main()
