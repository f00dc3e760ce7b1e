#!/usr/bin/env python
"""Nothing lost under faults: readers and editors work against gunicorn while a worker is killed with SIGKILL and,
on PostgreSQL, the database is restarted.

It reports the saves the server acknowledged that were lost (must be 0), half-saved pages readers saw (must be 0)
and the seconds until the site served again after each fault. Traffic goes to 127.0.0.1 only; the run is bounded
in time. SQLite by default (a fresh file); with DATABASE_URL=postgres://... it uses a fresh database beside the one
named, and restarts that server (pg_ctlcluster, run as root).

    python scripts/faults.py [--duration 20] [--readers 4] [--editors 2]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Server, Site, form_data, prepare, site_environment

PAGE = "/leder/velfaerdsledelse/"
NOTE = re.compile(r"fault-\d+-\d+")


class Run:
    def __init__(self, base, env, page_pk, args):
        self.base = base
        self.env = env
        self.change_url = f"/admin/velfaerd/themepage/{page_pk}/change/"
        self.args = args
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged = []
        self.save_failures = 0
        self.reads_ok = 0
        self.read_failures = 0
        self.half_saved = []
        self.successes = []  # (time, kind) of every success, to measure recovery

    def succeeded(self, kind):
        with self.lock:
            self.successes.append((time.monotonic(), kind))

    def editor(self, number):
        site = Site(self.base)
        while not self.stop.is_set():
            try:
                site.login(self.env)
                break
            except (httpx.HTTPError, RuntimeError):
                time.sleep(0.2)
        count = 0
        while not self.stop.is_set():
            count += 1
            note = f"fault-{number}-{count}"
            try:
                data = form_data(site.request("GET", self.change_url).text, "themepage_form")
                if "intro" not in data:
                    raise RuntimeError("no form (logged out?)")
                data["intro"] = f"<p>{note}</p>"
                for key in [k for k in data if re.fullmatch(r"sections-\d+-heading", k)]:
                    data[key] = note
                data.update({"change_note": note, "_save": "Gem"})
                data.pop("substantive_change", None)
                response = site.request("POST", self.change_url, data=data)
                if response.status_code == 302 and "/login/" not in response.headers.get("location", ""):
                    with self.lock:
                        self.acknowledged.append(note)
                    self.succeeded("save")
                else:
                    with self.lock:
                        self.save_failures += 1
                    if "/login/" in response.headers.get("location", ""):
                        site.login(self.env)
            except (httpx.HTTPError, RuntimeError):
                with self.lock:
                    self.save_failures += 1
                time.sleep(0.05)

    def reader(self):
        site = Site(self.base)
        while not self.stop.is_set():
            try:
                response = site.request("GET", PAGE)
                if response.status_code != 200:
                    raise httpx.HTTPError(f"status {response.status_code}")
                html = response.text
                intro = re.search(r'<div class="lead rich"><p>(.*?)</p>', html).group(1)
                headings = re.findall(r'<h2 id="afsnit-\d+">(.*?)</h2>', html)
                edited = NOTE.fullmatch(intro) or any(NOTE.fullmatch(h) for h in headings)
                # After an edit, the intro and every heading carry the same note.
                if edited and set(headings) != {intro}:
                    with self.lock:
                        self.half_saved.append((intro, headings))
                with self.lock:
                    self.reads_ok += 1
                self.succeeded("read")
            except (httpx.HTTPError, AttributeError):
                with self.lock:
                    self.read_failures += 1
                time.sleep(0.05)

    def recovery(self, fault_time):
        """Seconds from the fault until both a read and a save had succeeded again."""
        after = {}
        with self.lock:
            for moment, kind in self.successes:
                if moment > fault_time and kind not in after:
                    after[kind] = moment
        if len(after) < 2:
            return None
        return max(after.values()) - fault_time


def restart_postgres(version):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=60,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds of load (at most 120)")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=2)
    args = parser.parse_args()
    args.duration = min(args.duration, 120)

    folder = Path(tempfile.mkdtemp(prefix="velfaerd-faults-"))
    env, database, postgres = site_environment(folder, "velfaerd_faults")
    prepare(env)

    with Server(env, workers=2) as server:
        site = Site(server.base)
        site.login(env)
        page_pk = int(
            re.search(r"/admin/velfaerd/themepage/(\d+)/", site.request("GET", "/admin/velfaerd/themepage/").text)[1]
        )

        run = Run(server.base, env, page_pk, args)
        threads = [threading.Thread(target=run.reader) for _ in range(args.readers)]
        threads += [threading.Thread(target=run.editor, args=(n + 1,)) for n in range(args.editors)]
        started = time.monotonic()
        for thread in threads:
            thread.start()

        faults = []
        time.sleep(args.duration * 0.25)
        os.kill(server.worker_pids()[0], signal.SIGKILL)
        faults.append(("worker killed (SIGKILL)", time.monotonic()))
        if postgres:
            time.sleep(args.duration * 0.3)
            faults.append(("database restarted", time.monotonic()))
            restart_postgres(postgres)
        time.sleep(max(0.0, started + args.duration - time.monotonic()))
        run.stop.set()
        for thread in threads:
            thread.join(timeout=15)

    # Every save the server acknowledged must be in the database, with its revision.
    os.environ.update(env)
    import django

    django.setup()
    from reversion.models import Revision

    comments = list(Revision.objects.values_list("comment", flat=True))
    kept = {match.group(0) for comment in comments if (match := NOTE.match(comment))}
    lost = [note for note in run.acknowledged if note not in kept]

    print(f"Fault test: gunicorn with 2 workers, {database}, {args.duration:g} s,")
    print(f"{args.readers} readers, {args.editors} editors")
    print(f"  reads served               {run.reads_ok}   (failed during faults: {run.read_failures})")
    print(f"  saves acknowledged         {len(run.acknowledged)}   (refused or cut off: {run.save_failures})")
    print(f"  acknowledged saves lost    {len(lost)}")
    print(f"  half-saved pages seen      {len(run.half_saved)}")
    for name, moment in faults:
        seconds = run.recovery(moment)
        shown = f"{seconds:.2f} s" if seconds is not None else "did not recover"
        print(f"  {name:<26} at {moment - started:5.1f} s, serving reads and saves again after {shown}")
    shutil.rmtree(folder, ignore_errors=True)
    failed = lost or run.half_saved or any(run.recovery(moment) is None for _n, moment in faults)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
