"""Two app instances, each with two gunicorn workers, sharing the database and the cache: an edit through one is
served by every worker of both on the next request (scripts/scaleout.py)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/15")


def reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def run(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return subprocess.run(
        [sys.executable, "scripts/scaleout.py"], cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=300
    )


def test_two_instances_on_one_machine_share_sqlite_and_a_cache_folder():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every worker of both instances served the edit at once." in result.stdout


@pytest.mark.skipif(
    not (reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379)), reason="needs PostgreSQL and Redis"
)
def test_two_instances_share_postgresql_and_redis():
    result = run(DATABASE_URL=POSTGRES, REDIS_URL=REDIS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(PostgreSQL + Redis)" in result.stdout
    assert "Every worker of both instances served the edit at once." in result.stdout
