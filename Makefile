# thb-cms: `make run` sets up and serves the CMS, `make test` runs the tests (`SLOW=1`: all of them).
# Both start from a fresh clone with nothing but Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in workflow e-mails lead here: the address `make run` serves, unless already set
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
LOGINS := var/demo-logins.txt
FUZZ_EXAMPLES ?= 500
REPLAY_EXAMPLES ?= 100

.DEFAULT_GOAL := help
.PHONY: help install install-dev messages compilemessages migrate setup run worker publish-scheduled cluster test test-slow lint clean bench bench-data soak fuzz backup restore

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

compilemessages: install ## Compile locale/*.po and the admin's locale/admin/*.po with babel (no GNU gettext needed)
	$(BIN)/pybabel compile --domain django --directory locale --statistics
	$(BIN)/pybabel compile --domain "django djangojs" --directory locale/admin --statistics

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
	@echo "  links in e-mails lead to $(WAGTAILADMIN_BASE_URL) (WAGTAILADMIN_BASE_URL)"
	@echo
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	export WAGTAILADMIN_BASE_URL='$(WAGTAILADMIN_BASE_URL)'; \
	$(MANAGE) db_worker --backend translation & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the background worker for long translation jobs (make run starts one)
	$(MANAGE) db_worker --backend translation

publish-scheduled: install ## Publish and expire pages whose time has come (run from cron every minute)
	$(MANAGE) publish_scheduled

# make cluster: two servers and the worker on one PostgreSQL database and one Redis (both required)
CLUSTER_PORTS ?= 8001,8002

cluster: install compilemessages ## Serve two production-like servers and the worker sharing PostgreSQL, Redis and media
	@test -n "$(DATABASE_URL)" -a -n "$(REDIS_URL)" || { echo "Usage: make cluster DATABASE_URL=postgres://... REDIS_URL=redis://... [CLUSTER_PORTS=8001,8002]"; exit 2; }
	$(BIN)/python -m ops.cluster --ports $(CLUSTER_PORTS)

# pytest-xdist workers for the tests: one per core; TEST_WORKERS=0 runs the tests in one process
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal
# SLOW=1: make test runs the tests marked slow as well, in the same run (as CI does)
SLOW ?=
# Python caches bytecode (in __pycache__/, which git ignores) even where the environment says not
# to: otherwise each test worker, and each server or command a test starts, compiles the project
# again and pytest rewrites every test module again.
test test-slow: export PYTHONDONTWRITEBYTECODE =

test: install-dev compilemessages ## Run the tests but those marked slow (SLOW=1: every test, as CI does)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(PYTEST) $(if $(filter 1,$(SLOW)),,-m "not slow")

test-slow: install-dev compilemessages ## Run only the tests marked slow: servers, browsers, a bucket, large matrices
	$(PYTEST) -m slow

# The benchmark's own data (and settings: production ones, plus the references it is measured
# against) under var/bench/n<BENCH_EVENTS>/, built once and reused by later runs.
BENCH_EVENTS ?= 1000
# BENCH_LOCALES=en,tr: English and Turkish only, the same size per locale, seeded in a fraction of the time
BENCH_LOCALES ?=
# BENCH_DATABASE_URL=postgres://...: seed and serve that (empty) database instead of an SQLite file
BENCH_DATABASE_URL ?=
comma := ,
BENCH_DIR := var/bench/n$(BENCH_EVENTS)$(if $(BENCH_LOCALES),-$(subst $(comma),-,$(BENCH_LOCALES)))$(if $(BENCH_DATABASE_URL),-postgres)
BENCH_ENV := VAR_DIR=$(CURDIR)/$(BENCH_DIR) DJANGO_SETTINGS_MODULE=cms.settings.bench
# the benchmark's own database, never the one DATABASE_URL names in the developer's shell
bench-data bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: export BENCH_DATABASE_URL := $(BENCH_DATABASE_URL)
ifneq ($(and $(filter soak,$(MAKECMDGOALS)),$(BENCH_DATABASE_URL)),)
$(error make soak runs on a copy of an SQLite dataset: unset BENCH_DATABASE_URL)
endif

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

bench-data: $(VENV)/.installed-bench compilemessages ## Build the benchmark dataset (BENCH_EVENTS=1000 events in 7 locales)
	@if [ -f $(BENCH_DIR)/seeded ]; then echo "Benchmark data: $(BENCH_DIR) (delete it$(if $(BENCH_DATABASE_URL),$(comma) and empty the database$(comma)) to seed again)"; \
		$(BENCH_ENV) $(MANAGE) migrate --no-input --verbosity 0; else \
		rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR) && \
		$(BENCH_ENV) $(MANAGE) migrate --no-input --verbosity 0 && \
		$(BENCH_ENV) $(MANAGE) bootstrap && \
		$(BENCH_ENV) $(MANAGE) load_demo && \
		$(BENCH_ENV) $(MANAGE) seed_bench --events $(BENCH_EVENTS) --report $(BENCH_DIR)/seed.json \
			$(if $(BENCH_LOCALES),--locales $(BENCH_LOCALES)) && \
		touch $(BENCH_DIR)/seeded; fi

bench: bench-data ## Load-test the API beside Wagtail's API v2 and the serving ceiling (gunicorn, wrk)
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
	$(BIN)/python -m bench.run --var-dir $(BENCH_DIR) $(if $(BENCH_LOCALES),--locales $(BENCH_LOCALES))

fuzz: install-dev ## Fuzz the API (against its OpenAPI schema), the admin API (FUZZ_EXAMPLES=500) and the feed's replay (REPLAY_EXAMPLES=100)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) REPLAY_EXAMPLES=$(REPLAY_EXAMPLES) $(BIN)/pytest tests/api/test_schema_fuzz.py tests/test_admin_query_fuzz.py tests/api/test_replay_fuzz.py -p no:cacheprovider -q

backup: install ## Copy the database and media to var/backups/<time>/ with a checksum manifest
	$(MANAGE) backup

restore: install ## Restore BACKUP=var/backups/<time> into an empty database (FORCE=1 replaces one)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/<time> [FORCE=1]"; exit 2; }
	$(MANAGE) restore "$(BACKUP)" $(if $(FORCE),--force)

soak: bench-data ## Minutes of partner traffic while an editor publishes, unpublishes and syncs
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
	$(BIN)/python -m bench.soak --var-dir $(BENCH_DIR) --duration $(or $(SOAK_SECONDS),180) \
		$(if $(BENCH_LOCALES),--locales $(BENCH_LOCALES))

lint: install-dev ## Check style (ruff) and types (mypy: api/ and editorial/)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean: ## Remove the local database, media and compiled catalogues (keeps .venv)
	rm -rf var
	find locale -name '*.mo' -delete
