# Two commands do all the set-up: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install lint format messages admin bench bench-scale faults scaleout audit validate clean

# Installs into a local virtualenv made with a Python >= 3.12 that really runs.
$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/find-python
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		interp="$$(PYTHON='$(PYTHON)' scripts/find-python)" || exit 1; \
		echo "Creating $(VENV) with $$interp"; \
		rm -rf $(VENV) && "$$interp" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=velfaerd.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=velfaerd.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not slow" -n auto --dist loadfile
	$(PY) -m pytest -m slow

# The W3C Nu HTML Checker over every public page (Java and the checker from npm; the test suite runs it too when
# both are there).
validate: install
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --no-audit --no-fund
	$(PY) -m pytest tests/pages/test_w3c.py

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerates the Danish message catalogue after labels change; the .mo is committed.
messages: install
	$(PY) manage.py makemessages --locale da --no-obsolete --ignore '$(VENV)/*'
	$(PY) manage.py compilemessages --locale da --ignore '$(VENV)/*'

# Creates an admin login for trying the site out; it asks for the password.
admin: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createsuperuser

# The benchmark: production settings under gunicorn, each page next to a trivial page of the same size. Prints.
bench: install
	$(PY) scripts/bench.py

# Every page at seed size and with an archive's volume (about 10,000 items; SCALE=10 for ten times that): queries,
# server time, bytes.
bench-scale: install
	$(PY) scripts/bench_scale.py

# Two instances sharing the database and cache (PostgreSQL and Redis with DATABASE_URL and REDIS_URL).
scaleout: install
	$(PY) scripts/scaleout.py

# Readers and editors against gunicorn while a worker is killed and Redis hangs, dies and comes back with old data;
# on SQLite, then on a PostgreSQL cluster of its own that it restarts. It touches only servers it starts itself.
faults: install
	env -u DATABASE_URL -u REDIS_URL $(PY) scripts/faults.py
	env -u DATABASE_URL -u REDIS_URL $(PY) scripts/faults.py --postgres

# pip-audit of every installed package; says plainly when its database cannot be reached (then exit 2, or 0 with
# OFFLINE_OK=1).
audit: install
	$(PY) scripts/audit.py $(if $(OFFLINE_OK),--offline-ok)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
