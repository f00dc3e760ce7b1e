#!/usr/bin/env python
"""Two app instances (gunicorn, 2 workers each) on different ports, sharing the database and the cache: an edit
saved through one instance is what every worker of both instances serves on the next request, and a page that
does not show the edit stays cached on all of them (the same Last-Modified: it was not made again).

With DATABASE_URL=postgres://... and REDIS_URL=redis://... they share PostgreSQL and Redis, as in production;
without them, a SQLite file and a cache folder on this machine. Traffic goes to 127.0.0.1 only.

    python scripts/scaleout.py
"""

import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Server, Site, form_data, prepare, site_environment

PAGE = "/leder/velfaerdsledelse/"
UNRELATED = "/om/tilgaengelighedserklaering/"  # the accessibility statement shows no theme page
TITLE = re.compile(r"<h1>(.*?)</h1>")


def titles(site, times=12):
    """The page's title as served, asked often enough to reach every worker."""
    return {TITLE.search(site.request("GET", PAGE).text)[1] for _ in range(times)}


def made_at(site, times=12):
    """When the unrelated page was made, as each worker serves it (its Last-Modified)."""
    return {site.request("GET", UNRELATED).headers["Last-Modified"] for _ in range(times)}


def main():
    folder = Path(tempfile.mkdtemp(prefix="velfaerd-scaleout-"))
    env, database = site_environment(folder, "velfaerd_scaleout", os.environ.get("DATABASE_URL"))
    prepare(env)
    ok = True
    with Server(env, workers=2) as first, Server(env, workers=2) as second:
        visitor_first, visitor_second = Site(first.base), Site(second.base)
        before = titles(visitor_first) | titles(visitor_second)  # both instances have the page in the cache now
        print(f"Two instances on ports {first.port} and {second.port} ({database}); both serve {sorted(before)}")
        unrelated = made_at(visitor_first) | made_at(visitor_second)
        time.sleep(1.1)  # a page made again after the edit would carry a later Last-Modified

        editor = Site(first.base)
        editor.login(env)
        listing = editor.request("GET", "/admin/velfaerd/themepage/").text
        change = re.search(r"/admin/velfaerd/themepage/\d+/change/", listing)[0]
        data = form_data(editor.request("GET", change).text, "themepage_form")
        new_title = f"Velfærdsledelse {secrets.token_hex(3)}"
        data.update({"title": new_title, "_save": "Gem"})
        saved = editor.request("POST", change, data=data).status_code == 302
        print(f"Saved the title “{new_title}” through the instance on port {first.port}: {saved}")
        ok &= saved

        for name, visitor in (("first", visitor_first), ("second", visitor_second)):
            served = titles(visitor)
            fresh = served == {new_title}
            ok &= fresh
            state = "up to date" if fresh else "STALE"
            print(f"  next requests to the {name} instance serve {sorted(served)}: {state}")
            kept = made_at(visitor) <= unrelated
            ok &= kept
            print(f"  and {UNRELATED} from the cache, made before the edit: {'yes' if kept else 'NO, made again'}")
    shutil.rmtree(folder, ignore_errors=True)
    print("Every worker of both instances served the edit at once." if ok else "FAILED: an instance served stale.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
