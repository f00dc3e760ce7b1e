"""The deployment files run as an operator runs them: Debian's nginx with deploy/nginx/velfaerd.conf (its addresses,
ports and certificate replaced) in front of two instances started with deploy/gunicorn.conf.py, on PostgreSQL
reached through a relay this test can cut, as a database outage cuts it."""

import contextlib
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.html import form_data

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from harness import EDITOR, free_port, fresh_postgres, prepare, site_environment  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
POSTGRES = os.environ.get("DEPLOY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
HOST = "velfaerd.example"


def missing(reason):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


class Relay:
    """A TCP relay to the database: ``cut()`` closes it and every connection through it, ``mend()`` opens it
    again on the same port."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.connections = []
        self.listener = None

    def mend(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept(); close() alone would not
        self.listener.close()
        for each in self.connections:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
                each.close()
        self.connections = []

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def nginx_config(folder, https_port, http_port, instances, static_root):
    """deploy/nginx/velfaerd.conf with this machine's ports, the instances and a certificate made for the test,
    inside the smallest nginx.conf that runs unprivileged in ``folder``."""
    site = (ROOT / "deploy/nginx/velfaerd.conf").read_text()
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = re.sub(r"ssl_certificate (\S+);", f"ssl_certificate {folder}/cert.pem;", site)
    site = re.sub(r"ssl_certificate_key (\S+);", f"ssl_certificate_key {folder}/key.pem;", site)
    site = site.replace("alias /srv/velfaerd/staticfiles/;", f"alias {static_root}/;")
    servers = re.findall(r"server 127\.0\.0\.1:\d+", site)
    assert len(servers) == 2
    for line, port in zip(servers, instances, strict=True):
        site = site.replace(line, f"server 127.0.0.1:{port}", 1)
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    # Run by root (CI), nginx's workers would be another user, who cannot read the test's private folder.
    user = "user root;" if os.geteuid() == 0 else ""
    config = f"""
{user}
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{site}
}}
"""
    (folder / "nginx.conf").write_text(config)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder / "nginx.conf"


def trusting(folder):
    """TLS that trusts the certificate made for the test (for the site's name, asked for by address)."""
    context = ssl.create_default_context(cafile=folder / "cert.pem")
    context.check_hostname = False
    return context


def wait_for(url, headers=None, verify=True):
    for _ in range(300):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, headers=headers, verify=verify, timeout=2).status_code < 500:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture
def deployment(tmp_path):
    if not Path(NGINX).exists():
        missing("nginx is not installed (apt-get install nginx)")
    address = urlsplit(POSTGRES)
    try:
        socket.create_connection((address.hostname, address.port or 5432), timeout=1).close()
    except OSError:
        missing(f"PostgreSQL does not answer at {address.hostname}:{address.port}")
    env, _description = site_environment(tmp_path, "velfaerd_deploy", database_url=POSTGRES)
    env["DATABASE_URL"] = fresh_postgres(POSTGRES, "velfaerd_deploy")
    prepare(env)
    relay = Relay((address.hostname, address.port or 5432)).mend()
    through_relay = urlsplit(env["DATABASE_URL"])._replace(netloc=f"postgres@127.0.0.1:{relay.port}")
    env |= {
        "DATABASE_URL": urlunsplit(through_relay),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SITE_URL": f"https://{HOST}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_RUNTIME_DIR": str(tmp_path / "run"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "DJANGO_LOG_FORMAT": "json",
    }
    ports = [free_port(), free_port()]
    instances, logs = [], []
    for port in ports:
        log = open(tmp_path / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
        logs.append(log)
        instances.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "velfaerd.wsgi"],
                cwd=ROOT, env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}, stdout=log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
    https_port, http_port = free_port(), free_port()
    config = nginx_config(tmp_path, https_port, http_port, ports, env["DJANGO_STATIC_ROOT"])
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config)], stderr=subprocess.PIPE)
    try:
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/livez")
        wait_for(f"https://127.0.0.1:{https_port}/robots.txt", {"Host": HOST}, trusting(tmp_path))
        yield {
            "base": f"https://127.0.0.1:{https_port}",
            "tls": trusting(tmp_path),
            "http": f"http://127.0.0.1:{http_port}",
            "instances": [f"http://127.0.0.1:{port}" for port in ports],
            "relay": relay,
            "env": env,
            "logs": [tmp_path / f"gunicorn-{port}.log" for port in ports],
        }
    finally:
        nginx.terminate()
        for process in instances:
            process.terminate()
        for process in [nginx, *instances]:
            process.wait(timeout=40)
        for log in logs:
            log.close()
        relay.cut()


def test_nginx_in_front_of_two_instances_as_deployed(deployment):
    site = httpx.Client(base_url=deployment["base"], headers={"Host": HOST}, verify=deployment["tls"], timeout=30)
    # Plain HTTP is sent to HTTPS.
    plain = httpx.get(deployment["http"] + "/leder/", headers={"Host": HOST})
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://{HOST}/leder/"

    # Pages through nginx: Host passed on, the request's id nginx made on the page and in the instance's log.
    page = site.get("/leder/velfaerdsledelse/")
    assert page.status_code == 200, (page.headers, page.text[:500])
    assert f'<link rel="canonical" href="https://{HOST}/leder/velfaerdsledelse/">' in page.text
    request_id = page.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)

    # Static files from nginx, for ever.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page.text).group(1)
    static = site.get(stylesheet)
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]

    # An editor logs in and uploads a 5 MB PDF through nginx.
    login = form_data(site.get("/konto/login/").text)
    origin = {"Origin": f"https://{HOST}", "Referer": f"https://{HOST}/konto/login/"}
    password = deployment["env"]["DJANGO_SUPERUSER_PASSWORD"]
    response = site.post("/konto/login/?next=/admin/", data={**login, "login": EDITOR, "password": password},
                         headers=origin)  # fmt: skip
    assert response.status_code == 302, response.text[:2000]
    add = "/admin/publications/publication/add/"
    form = form_data(site.get(add).text)
    form |= {"title": "Stor rapport", "slug": "stor-rapport", "summary": "<p>Om store filer.</p>", "_save": "1"}
    pdf = pdf_bytes(5 * 1024 * 1024)
    response = site.post(add, data=form, files={"document": ("stor.pdf", pdf, "application/pdf")},
                         headers={**origin, "Referer": f"https://{HOST}{add}"})  # fmt: skip
    assert response.status_code == 302, re.sub(r"\s+", " ", response.text)[:3000]
    published = site.get("/publikationer/stor-rapport/")
    assert "(PDF, 5,0\xa0MB)" in published.text

    # Larger than the site's largest upload: the site's own Danish page, from nginx's refusal.
    too_large = site.post(add, content=b"x" * (70 * 1024 * 1024), headers={**origin, "Content-Type": "text/plain"})
    assert too_large.status_code == 413
    assert "Det, du sendte, er for stort" in too_large.text

    # Probes by each instance's own address: no Host check, no log line.
    for instance in deployment["instances"]:
        assert httpx.get(instance + "/livez").status_code == 200
        assert httpx.get(instance + "/readyz").json()["ready"] is True

    # The database goes away: every instance stays ready and says what is down; visitors get the site's answer.
    deployment["relay"].cut()
    try:
        for instance in deployment["instances"]:
            ready = httpx.get(instance + "/readyz", timeout=30)
            assert ready.status_code == 200
            assert ready.json()["shared"]["database"] == "down"
        assert site.get("/artikler/").status_code in (200, 503)  # from the page cache, or the Danish 503 page
    finally:
        deployment["relay"].mend()
    for instance in deployment["instances"]:
        assert httpx.get(instance + "/readyz", timeout=30).json()["shared"]["database"] == "ok"

    # The instances' access logs: a JSON object a line, with the request's id, and no probes.
    lines = [json.loads(line) for log in deployment["logs"] for line in log.read_text().splitlines()
             if line.startswith("{")]  # fmt: skip
    access = [line for line in lines if line.get("logger") == "gunicorn.access"]
    assert any(line["request_id"] == request_id and line["path"] == "/leder/velfaerdsledelse/" for line in access)
    assert not [line for line in access if line["path"] in ("/livez", "/readyz")]


def pdf_bytes(size):
    from tests.factories import pdf_bytes as make

    return make(size)
