# The site's everyday commands. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format check bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cicopa.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Lint, Django's checks, then the whole suite on PostgreSQL and on SQLite.
test: lint check
	scripts/test-databases $(BIN)/pytest $(PYTEST_ARGS)
