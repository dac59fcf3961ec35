# thb-cms: `make run` sets up and serves the CMS, `make test` runs every test.
# Both start from a fresh clone with nothing but Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
LOGINS := var/demo-logins.txt

.DEFAULT_GOAL := help
.PHONY: help install install-dev messages compilemessages migrate setup run worker publish-scheduled test lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Install the runtime and the test dependencies

compilemessages: install ## Compile locale/*.po with babel (no GNU gettext needed)
	$(BIN)/pybabel compile --domain django --directory locale --statistics

messages: install ## Update locale/*.po from the code (needs GNU gettext), then compile
	$(MANAGE) makemessages --no-location --ignore .venv --ignore var \
		$(foreach code,sq az bs ro ur tr,--locale $(code))
	$(MAKE) compilemessages

migrate: install
	@mkdir -p var
	@echo "Migrating the database (about 200 migrations on a new one)..."
	@$(MANAGE) migrate --no-input --verbosity 0

setup: compilemessages migrate ## Migrate, create locales and pages, load the demo content
	$(MANAGE) bootstrap
	$(MANAGE) load_demo

run: setup ## Set everything up, start the translation worker and serve on http://127.0.0.1:8000/
	@echo
	@echo "  thb-cms admin:  http://$(HOST):$(PORT)/admin/"
	@echo "  demo logins (user, password, role):"
	@sed 's/^/    /' $(LOGINS) 2>/dev/null || echo "    see $(LOGINS)"
	@echo
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --backend translation & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the background worker for long translation jobs (make run starts one)
	$(MANAGE) db_worker --backend translation

publish-scheduled: install ## Publish and expire pages whose time has come (run from cron every minute)
	$(MANAGE) publish_scheduled

test: install-dev compilemessages ## Run every test (DATABASE_URL picks the database)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

lint: install-dev ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean: ## Remove the local database, media and compiled catalogues (keeps .venv)
	rm -rf var
	find locale -name '*.mo' -delete
