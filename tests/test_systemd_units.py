"""The systemd units in deploy/systemd pass `systemd-analyze verify` with this checkout's paths, and run the
commands the docs name, on the schedule they say."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"


def read(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_the_units_verify(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed (it is where systemd runs the site)")
    venv = Path(sys.executable).parent.parent
    for unit in UNITS.iterdir():
        text = unit.read_text().replace("/srv/velfaerd/.venv", str(venv)).replace("/srv/velfaerd", str(ROOT))
        (tmp_path / unit.name).write_text(text.replace("/etc/velfaerd/env", str(tmp_path / "env")))
    (tmp_path / "env").write_text("DJANGO_SETTINGS_MODULE=velfaerd.settings.production\n")
    (tmp_path / "velfaerd@8001.service").write_text((tmp_path / "velfaerd@.service").read_text())
    names = ["velfaerd@8001.service", *sorted(p.name for p in tmp_path.glob("velfaerd-*"))]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *names], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.strip() == ""


@pytest.mark.parametrize(
    ("task", "command", "when"),
    [
        ("publish", "publish_scheduled", "*-*-* *:*:00"),
        ("check-links", "check_links --quiet", "*-*-* 04:30:00"),
        ("prune", "prune", "*-*-* 03:30:00"),
        ("backup", "backup --into /srv/velfaerd/backups --keep-daily 7 --keep-weekly 8", "*-*-* 02:30:00"),
        ("notices", "send_notices", "*-*-* *:00/5:30"),
        ("digest", "send_digest", "Mon *-*-* 07:00:00"),
    ],
)
def test_each_task_runs_its_command_on_its_timer(task, command, when):
    service = read(f"velfaerd-{task}.service")
    assert service["Service"]["ExecStart"] == f"/srv/velfaerd/.venv/bin/python manage.py {command}"
    assert service["Service"]["User"] == "velfaerd"
    assert read(f"velfaerd-{task}.timer")["Timer"]["OnCalendar"] == when


def test_an_instance_uses_the_gunicorn_configuration_with_its_own_port_and_socket():
    service = read("velfaerd@.service")["Service"]
    assert service["ExecStart"].endswith("gunicorn --config deploy/gunicorn.conf.py velfaerd.wsgi")
    assert service["Type"] == "notify"
