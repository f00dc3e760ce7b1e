"""gunicorn's settings for one instance of the site:

    gunicorn --config deploy/gunicorn.conf.py velfaerd.wsgi

From the environment: ``GUNICORN_BIND`` (127.0.0.1:8000), ``GUNICORN_WORKERS`` (two per core and one, at most
eight), ``GUNICORN_RUNTIME_DIR`` (where this instance's control socket goes: systemd's RuntimeDirectory;
``var/run`` otherwise) and ``PROMETHEUS_MULTIPROC_DIR`` (velfaerd/metrics.py). Several instances on one machine
each have a bind address and so a control socket of their own.
"""

import datetime
import json
import multiprocessing
import os
import signal
from pathlib import Path

from gunicorn.glogging import Logger

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
# A request that takes longer is a fault; the page cache answers most requests in a millisecond.
timeout = 30
# On SIGTERM (systemctl stop, a deploy), requests under way get this long to finish.
graceful_timeout = 30
# nginx keeps connections to the instances open (upstream keepalive): a little longer than it does.
keepalive = 75
# A worker is replaced after this many requests, so that memory stays bounded whatever a library keeps.
max_requests = 5000
max_requests_jitter = 500
_runtime = Path(os.environ.get("GUNICORN_RUNTIME_DIR", "var/run"))
_runtime.mkdir(parents=True, exist_ok=True)
control_socket = str(_runtime / f"gunicorn-{bind[0].replace(':', '-').replace('/', '-')}.ctl")
accesslog = "-"  # standard output: the journal under systemd
errorlog = "-"
#: Probes come every few seconds: not written.
QUIET_PATHS = ("/livez", "/readyz")


class JsonAccessLog(Logger):
    """One JSON object per request, as the site's own log lines (DJANGO_LOG_FORMAT=json): time, method, path,
    status, duration, bytes and the request's id (velfaerd/logs.py). No IP address, user agent or query string:
    nothing personal, nothing a visitor typed."""

    def access(self, resp, req, environ, request_time):
        path = environ.get("PATH_INFO", "")
        if path in QUIET_PATHS or not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in resp.headers}
        line = {
            "time": datetime.datetime.now(datetime.UTC).isoformat(),
            "level": "INFO",
            "logger": "gunicorn.access",
            "method": environ.get("REQUEST_METHOD"),
            "path": path,
            "status": resp.status_code,
            "duration": round(request_time.total_seconds(), 6),
            "bytes": getattr(resp, "sent", None),
            "request_id": headers.get("x-request-id"),
        }
        self.access_log.info(json.dumps(line))


logger_class = JsonAccessLog


def on_starting(server):
    """Counts of an earlier run are not this one's (prometheus-client's multiprocess mode)."""
    if folder := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):
            stale.unlink()


def post_worker_init(worker):
    """Told to stop, a worker's /readyz says so at once (velfaerd/probes.py) while its last requests finish."""
    from velfaerd import probes

    stop = signal.getsignal(signal.SIGTERM)

    def stopping(signum, frame):
        probes.begin_shutdown()
        if callable(stop):
            stop(signum, frame)

    signal.signal(signal.SIGTERM, stopping)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
