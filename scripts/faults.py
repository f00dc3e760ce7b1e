#!/usr/bin/env python
"""Nothing lost under faults: readers and editors work against gunicorn (2 workers) while a worker is killed,
the site's Redis is hung (SIGSTOP), killed and restarted with its old data, and, with --postgres, the database
is restarted.

It reports, and fails unless each holds:
- saves the server acknowledged that were lost: 0; saves it answered with an error although they were committed: 0
- half-saved pages readers saw: 0
- visitors' pages that failed while Redis was hung or down: 0 (the site serves them without the cache)
- after Redis came back with its old data: the page shows the last saved change (a stale cache is mended)
- seconds until the site served reads and saves again after each fault

It only ever touches servers it starts itself, in a temporary folder: its own Redis, and with --postgres its own
PostgreSQL cluster. It refuses to run with DATABASE_URL or REDIS_URL set. Traffic goes to 127.0.0.1 only; the
run is bounded in time.

    python scripts/faults.py [--duration 30] [--readers 4] [--editors 2] [--postgres]
"""

import argparse
import contextlib
import os
import pwd
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

from harness import Server, Site, form_data, free_port, prepare, site_environment

PAGE = "/leder/velfaerdsledelse/"
NOTE = re.compile(r"fault-\d+-\d+")
INTRO = re.compile(r'<div class="lead rich"><p>(.*?)</p>')


class PrivateRedis:
    """A redis-server of this run's own, on a free port, keeping its data in ``folder``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
        command += ["--save", "", "--appendonly", "no", "--protected-mode", "yes"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if self.cli("PING") == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def cli(self, *args):
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True, timeout=5, check=False
        )
        return result.stdout.strip()

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def kill_keeping_a_snapshot(self):
        """Write what it holds now to disk, then die at once: started again, it comes back with this old data."""
        self.cli("SAVE")
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.kill()
            self.process.wait(timeout=10)


class PrivateCluster:
    """A PostgreSQL cluster of this run's own, made with initdb in ``folder`` (as the postgres user when run as
    root, since PostgreSQL refuses to run as root), on a free port, with trust authentication for 127.0.0.1."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not bins and not shutil.which("initdb"):
            raise SystemExit("--postgres needs PostgreSQL's initdb and pg_ctl (Debian: postgresql).")
        self.bin = bins[-1].parent if bins else Path(shutil.which("initdb")).parent
        self.as_user = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            self.folder.mkdir(parents=True, exist_ok=True)
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.folder.parent.chmod(0o711)  # the run's temporary folder: postgres may pass through it

    def run(self, *command):
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, timeout=120)

    def pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = self.folder / "server.log"
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l", str(log), "-o", options, "-w",
                 action, *extra)  # fmt: skip

    def start(self):
        data = self.folder / "data"
        self.run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.pg_ctl("start")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.pg_ctl("stop", "-m", "immediate")


class Run:
    def __init__(self, base, env, page_pk):
        self.base = base
        self.env = env
        self.change_url = f"/admin/velfaerd/themepage/{page_pk}/change/"
        self.stop = threading.Event()
        self.editing = threading.Event()
        self.editing.set()
        self.lock = threading.Lock()
        self.acknowledged = []
        self.answered_with_error = []  # notes of saves the server said failed (5xx)
        self.save_failures = 0
        self.reads_ok = 0
        self.read_failures = []  # times
        self.half_saved = []
        self.successes = []  # (time, kind) of every success, to measure recovery
        self.in_flight = 0

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
            self.editing.wait(timeout=1)
            if not self.editing.is_set():
                continue
            count += 1
            note = f"fault-{number}-{count}"
            with self.lock:
                self.in_flight += 1
            try:
                data = form_data(site.request("GET", self.change_url).text, "themepage_form")
                if "intro" not in data:
                    raise RuntimeError("no form (logged out?)")
                data["intro"] = f"<p>{note}</p>"
                for key in [k for k in data if re.fullmatch(r"parts-\d+-heading", k)]:
                    data[key] = note
                data.update({"change_note": note, "_save": "Gem"})
                data.pop("substantive_change", None)
                response = site.request("POST", self.change_url, data=data)
                location = response.headers.get("location", "")
                if response.status_code == 302 and "/login/" not in location:
                    with self.lock:
                        self.acknowledged.append(note)
                    self.succeeded("save")
                else:
                    with self.lock:
                        self.save_failures += 1
                        if response.status_code >= 500:
                            self.answered_with_error.append(note)
                    if "/login/" in location:
                        site.login(self.env)
            except (httpx.HTTPError, RuntimeError):
                with self.lock:
                    self.save_failures += 1
                time.sleep(0.05)
            finally:
                with self.lock:
                    self.in_flight -= 1

    def reader(self):
        site = Site(self.base)
        while not self.stop.is_set():
            try:
                response = site.request("GET", PAGE)
                if response.status_code != 200:
                    raise httpx.HTTPError(f"status {response.status_code}")
                html = response.text
                intro = INTRO.search(html).group(1)
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
                    self.read_failures.append(time.monotonic())
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

    def reads_failed_between(self, start, end):
        with self.lock:
            return sum(1 for moment in self.read_failures if start <= moment <= end)

    def page_shows_the_last_save(self, editor_site):
        """With editors paused: what a visitor is served is what the database holds."""
        self.editing.clear()
        deadline = time.monotonic() + 15
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            stored = form_data(editor_site.request("GET", self.change_url).text, "themepage_form")["intro"]
            time.sleep(1.2)  # each worker checks the cache's version against the database once a second
            served = {INTRO.search(Site(self.base).request("GET", PAGE).text).group(1) for _ in range(6)}
            return served == {stored.removeprefix("<p>").removesuffix("</p>")}, stored, served
        finally:
            self.editing.set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (at most 120)")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--postgres", action="store_true", help="on a PostgreSQL cluster this run starts itself")
    args = parser.parse_args()
    args.duration = min(args.duration, 120)
    for name in ("DATABASE_URL", "REDIS_URL"):
        if os.environ.get(name):
            print(f"faults.py starts its own servers and never touches others: unset {name}.", file=sys.stderr)
            return 2

    folder = Path(tempfile.mkdtemp(prefix="velfaerd-faults-"))
    redis = PrivateRedis(folder / "redis")
    cluster = PrivateCluster(folder / "postgres") if args.postgres else None
    try:
        redis.start()
        if cluster:
            cluster.start()
        (folder / "site").mkdir()
        env, database = site_environment(
            folder / "site", "velfaerd_faults", cluster.url if cluster else None, REDIS_URL=redis.url
        )
        prepare(env)
        return exercise(args, env, database, redis, cluster)
    finally:
        redis.stop()
        if cluster:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def exercise(args, env, database, redis, cluster):
    checks = []
    with Server(env, workers=2) as server:
        editor_site = Site(server.base)
        editor_site.login(env)
        listing = editor_site.request("GET", "/admin/velfaerd/themepage/").text
        page_pk = int(re.search(r"/admin/velfaerd/themepage/(\d+)/", listing)[1])

        run = Run(server.base, env, page_pk)
        threads = [threading.Thread(target=run.reader) for _ in range(args.readers)]
        threads += [threading.Thread(target=run.editor, args=(n + 1,)) for n in range(args.editors)]
        started = time.monotonic()
        for thread in threads:
            thread.start()

        def at(fraction):
            time.sleep(max(0.0, started + args.duration * fraction - time.monotonic()))

        faults, cache_windows = [], []
        at(0.15)
        os.kill(server.worker_pids()[0], signal.SIGKILL)
        faults.append(("worker killed (SIGKILL)", time.monotonic()))

        at(0.3)
        began = time.monotonic()
        redis.pause()
        faults.append(("Redis hung (SIGSTOP) 3 s", began))
        time.sleep(3)
        redis.resume()
        cache_windows.append((began, time.monotonic() + 1))

        at(0.5)
        began = time.monotonic()
        redis.kill_keeping_a_snapshot()
        faults.append(("Redis killed 3 s", began))
        time.sleep(3)
        redis.start()  # back, with the data it held before the edits made meanwhile
        cache_windows.append((began, time.monotonic() + 1))
        checks.append(("after Redis came back with old data", run.page_shows_the_last_save(editor_site)))

        if cluster:
            at(0.7)
            faults.append(("database restarted", time.monotonic()))
            cluster.restart()

        at(1.0)
        run.stop.set()
        for thread in threads:
            thread.join(timeout=15)
        checks.append(("at the end", run.page_shows_the_last_save(editor_site)))

    # Every save the server acknowledged must be in the database, with its revision; none it called failed.
    os.environ.update(env)
    import django

    django.setup()
    from reversion.models import Revision

    comments = list(Revision.objects.values_list("comment", flat=True))
    kept = {match.group(0) for comment in comments if (match := NOTE.match(comment))}
    lost = [note for note in run.acknowledged if note not in kept]
    untrue = [note for note in run.answered_with_error if note in kept]
    degraded = sum(run.reads_failed_between(start, end) for start, end in cache_windows)

    print(f"Fault test: gunicorn with 2 workers, {database}, {args.duration:g} s,")
    print(f"{args.readers} readers, {args.editors} editors")
    print(f"  reads served                          {run.reads_ok}   (failed during faults: {len(run.read_failures)})")
    print(f"  reads failed while Redis hung or down {degraded}")
    print(
        f"  saves acknowledged                    {len(run.acknowledged)}   (refused or cut off: {run.save_failures})"
    )
    print(f"  acknowledged saves lost               {len(lost)}")
    print(f"  saves called failed but committed     {len(untrue)}")
    print(f"  half-saved pages seen                 {len(run.half_saved)}")
    for name, (same, stored, served) in checks:
        shown = "yes" if same else f"NO: stored {stored!r}, served {sorted(served)}"
        print(f"  page shows the last save {name:<36} {shown}")
    for name, moment in faults:
        seconds = run.recovery(moment)
        shown = f"{seconds:.2f} s" if seconds is not None else "did not recover"
        print(f"  {name:<28} at {moment - started:5.1f} s, serving reads and saves again after {shown}")
    failed = (
        lost
        or untrue
        or run.half_saved
        or degraded
        or not all(same for _name, (same, _stored, _served) in checks)
        or any(run.recovery(moment) is None for _n, moment in faults)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
