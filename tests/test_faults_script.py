"""The fault script touches only servers it starts itself."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("variable", ["DATABASE_URL", "REDIS_URL"])
def test_it_refuses_to_run_against_a_server_it_did_not_start(variable):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env[variable] = "postgres://postgres@127.0.0.1:5432/postgres"
    result = subprocess.run(
        [sys.executable, "scripts/faults.py", "--duration", "1"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert f"unset {variable}" in result.stderr
