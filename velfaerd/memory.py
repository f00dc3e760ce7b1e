"""A worker's memory: given back to the system every ``MEMORY_TRIM_REQUESTS`` requests, and what it loaded to
answer its first request kept out of the garbage collector's full passes.

Python returns the memory of the objects a request made to the C allocator, which keeps it for the process: after
a crawl of every address of an archive ten times the seed's, a worker held 169 MB where it started at 103, though
no object of the requests was left (tracemalloc finds a few KiB). glibc's ``malloc_trim`` hands the free pages back;
asked after every thousandth request (it takes about a millisecond, after the response has gone), a crawl of 18,000
of those addresses ends 6 MB above its start instead of 14. Elsewhere than glibc there is nothing to call, and
nothing is done. gunicorn's ``max_requests`` still replaces a worker now and then, whatever a library keeps.

Python's collector walks every object it tracks in a full pass: some 140,000 in a worker (modules, the URLconf,
templates, translations), 50 to 70 ms that fell in the middle of a request every few hundred requests (a theme
page's form, 160 ms, took 230 when one did). After its first request a worker collects once and freezes what it
holds (``gc.freeze``, as the documentation of the ``gc`` module advises for long-lived servers): those objects stay
for the process's life anyway, and a full pass then walks only what later requests made.
"""

import ctypes
import ctypes.util
import gc
import itertools

from django.conf import settings
from django.core.signals import request_finished


def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_trim = _malloc_trim()
_requests = itertools.count(1)


def trim(**kwargs):
    if _trim is not None and next(_requests) % settings.MEMORY_TRIM_REQUESTS == 0:
        _trim(0)


def settle(**kwargs):
    """Once, after a worker's first request: what it has loaded is left out of the collector's full passes."""
    request_finished.disconnect(dispatch_uid="velfaerd-memory-settle")
    gc.collect()
    gc.freeze()


def connect():
    request_finished.connect(trim, dispatch_uid="velfaerd-memory-trim")
    request_finished.connect(settle, dispatch_uid="velfaerd-memory-settle")
