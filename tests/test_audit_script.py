"""make audit says plainly when it checked nothing, and fails on a known vulnerability."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

spec = importlib.util.spec_from_file_location("audit", Path(__file__).resolve().parent.parent / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def run(capsys, report, *args, stderr=""):
    stdout = json.dumps(report) if report is not None else ""
    done = subprocess.CompletedProcess([], 0, stdout=stdout, stderr=stderr)
    with mock.patch.object(audit.subprocess, "run", return_value=done), mock.patch.object(sys, "argv", ["a", *args]):
        code = audit.main()
    return code, capsys.readouterr().out


SKIPPED = {"dependencies": [{"name": "django", "version": "6.1.3", "skip_reason": "Dependency not found on PyPI"}]}


@pytest.mark.parametrize("report", [SKIPPED, None], ids=["every package skipped", "no answer"])
def test_an_unreachable_database_is_said_plainly(capsys, report):
    code, out = run(capsys, report, stderr="ConnectionError: no route")
    assert code == 2
    assert "NOTHING WAS CHECKED" in out
    assert run(capsys, report, "--offline-ok")[0] == 0


def test_a_vulnerability_fails_the_audit(capsys):
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1.3", "vulns": [{"id": "PYSEC-1", "fix_versions": ["6.1.4"]}]},
            {"name": "nh3", "version": "0.3.7", "vulns": []},
        ]
    }
    code, out = run(capsys, report)
    assert code == 1
    assert "django 6.1.3: PYSEC-1 (fixed in 6.1.4)" in out
    assert "2 packages audited, 1 with known vulnerabilities" in out
