"""What the benchmark, the fault test and the scale-out check share: a site set up from scratch with production
settings, served by gunicorn on 127.0.0.1, and an HTTP client that talks to it as if through the HTTPS proxy."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from htmlforms import form_data  # noqa: E402  (the same form reading the tests use)

EDITOR = "bench-editor"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres(url, name):
    """A fresh database ``name`` on the server in ``url``; returns its URL."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def site_environment(folder, name, database_url=None, **extra):
    """Environment for a production-settings site in ``folder``: SQLite there, or a fresh database ``name`` on
    the PostgreSQL server that ``database_url`` names. Returns (env, description)."""
    folder = Path(folder)
    env = (
        {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        | {
            "DJANGO_SETTINGS_MODULE": "velfaerd.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DJANGO_CACHE_DIR": str(folder / "cache"),
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_TRUSTED_PROXY_COUNT": "0",
            "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
            # The benchmarks and fault runs log in with a password alone, as a script; people log in in two steps.
            "DJANGO_REQUIRE_2FA": "false",
        }
        | extra
    )
    if (database_url or "").startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = fresh_postgres(database_url, name)
        env["DATABASE_CONN_MAX_AGE"] = "60"
        database = "PostgreSQL"
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
        database = "SQLite"
    if env.get("REDIS_URL"):
        database += " + Redis"
    return env, database


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput")
    manage(env, "createsuperuser", "--noinput", "--username", EDITOR, "--email", "bench@example.org")


class Server:
    """gunicorn serving the site on 127.0.0.1 while the ``with`` block runs."""

    def __init__(self, env, workers=2, port=None):
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "velfaerd.wsgi", "--workers", str(self.workers)]
        # No control socket: by default each gunicorn takes the same one, so a second server would not start.
        command += ["--bind", f"127.0.0.1:{self.port}", "--no-control-socket"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = Site(self.base)
        for _ in range(200):
            try:
                if client.request("GET", "/healthz").status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.__exit__(None, None, None)  # a server that did not come up is not left behind
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_pids(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]


class Site:
    """An HTTP client for the site behind its (pretend) HTTPS proxy, keeping its own cookies (secure ones too)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.http = httpx.Client(base_url=base, timeout=10, follow_redirects=False)
        self.origin = base.replace("http://", "https://")

    def request(self, method, path, **kwargs):
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": self.origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, path, headers=headers, **kwargs)
        self.cookies.update(dict(response.cookies.items()))
        return response

    def login(self, env):
        form = form_data(self.request("GET", "/konto/login/").text)
        form.update({"login": EDITOR, "password": env["DJANGO_SUPERUSER_PASSWORD"]})
        response = self.request("POST", "/konto/login/?next=/admin/", data=form)
        if response.status_code != 302:
            raise RuntimeError(f"login failed: {response.status_code}")
