# The site's everyday commands. See README.md.
# The newest Python 3.11 or later on PATH (scripts/find-python); PYTHON=... to choose another.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve test test-fast test-tools lint format check bench screenshots messages world-map lock

$(BIN)/activate:
	@test -n "$(PYTHON)" || { scripts/find-python; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Exactly the locked set (requirements.lock: every package pinned with its hashes, for any
# Python from 3.11), then the project itself; again whenever the lock changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Lock the dependency set again after changing pyproject.toml's dependencies: versions already
# locked stay unless they must move; UPGRADE=1 takes the newest each range allows. uv resolves
# for every Python from 3.11 and every platform at once; it runs from a venv of its own.
lock:
	test -x .venv-lock/bin/uv || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv; }
	.venv-lock/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-annotate --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
	  --output-file requirements.lock

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_content
	@echo "Mail is printed below. Subscribe at http://127.0.0.1:$(PORT)/, open the link in the"
	@echo "confirmation mail, then send the digest from another terminal with:"
	@echo "  $(BIN)/python manage.py send_digests --now"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production configuration on this machine: needs DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS (see README); DATABASE_URL and REDIS_URL as in production.
serve: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cicopa.settings.prod $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=cicopa.settings.prod $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=cicopa.settings.prod PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

# Ruff, and the apps' layers (import-linter contracts in pyproject.toml).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The French and Spanish catalogues: gather new strings into locale/*/django.po (translate
# them there), then compile the .mo files the site reads. Needs gettext.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=docs
messages: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py makemessages \
	  -l fr -l es --no-obsolete $(MESSAGES_IGNORE)
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py compilemessages \
	  $(MESSAGES_IGNORE)

# Rebuild static/map/world-110m.json, the world map's country shapes (Natural Earth via npm
# world-atlas, projected with d3-geo). The result is committed; the site never runs Node.
world-map:
	npm ci --no-audit --no-fund --ignore-scripts
	node scripts/world-map.mjs

# What the tests need beyond Python: Debian's chromium, Java for the Nu HTML Checker, gettext
# to check the catalogues, nginx for the front (deploy/nginx.conf), and the npm packages
# vnu-jar, axe-core and lighthouse. Installed only when missing.
test-tools:
	@command -v chromium >/dev/null && command -v java >/dev/null && command -v xgettext >/dev/null \
	  && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium default-jre-headless gettext nginx >/dev/null; }
	@[ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund --ignore-scripts

# Lint, Django's checks, then the whole suite on PostgreSQL and on SQLite.
test: lint check test-tools
	scripts/with-test-services $(BIN)/pytest $(PYTEST_ARGS)

# The edit-run loop: the unit and view tests on SQLite, without the browsers, the servers
# started as processes, the Nu HTML Checker or the 10,000-member data (make test runs them all).
FAST_SKIPS := tests/browser tests/test_several_servers.py tests/test_front.py \
  tests/test_development.py tests/test_api_schemathesis.py tests/test_scale.py tests/test_standards.py
test-fast: $(VENV)/.installed
	$(BIN)/pytest -q $(addprefix --ignore=,$(FAST_SKIPS)) $(PYTEST_ARGS)

# Rewrite the README's screenshots (docs/screenshots/) from the browser journeys.
screenshots: $(VENV)/.installed test-tools
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser/test_journeys.py \
	  tests/browser/test_secretariat_journey.py tests/browser/test_body_picture_journey.py \
	  tests/browser/test_forms.py tests/browser/test_representative_journey.py

# Throughput of the production configuration at 10,000 members; writes bench/RESULTS.md.
bench: $(VENV)/.installed
	bench/run
