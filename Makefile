# The README's two commands are `make run` and `make test`.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help install install-test run test check lint types lock bench bench-traffic services messages docker-check clients
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The dependencies come from the lock files (requirements/*.lock, every file's hash checked), the
# platform itself and the generated client are installed over them without their dependencies.
install: $(BIN)/python ## install the platform's locked dependencies into .venv, compile the translations
	$(BIN)/pip install -q --require-hashes -r requirements/base.lock
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/python scripts/compile-messages

# Reinstalled only when the lock file or a pyproject.toml is newer than the last install.
$(VENV)/.test-installed: requirements/test.lock pyproject.toml clients/python/pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/test.lock
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/pip install -q --no-deps -e clients/python
	touch $@

install-test: $(VENV)/.test-installed ## install the platform and the locked test tools (and the browser) into .venv
	$(BIN)/python scripts/compile-messages
	scripts/install-browser

run: install ## migrate, load demo data and serve on http://127.0.0.1:8000 (embedded default)
	scripts/run

test: install-test ## lint, types, then the whole suite on PostgreSQL + Redis, then the SQLite subset
	scripts/test

check: $(VENV)/.test-installed ## the fast loop: lint, import contracts, types, the fast tests on 2 processes
	$(BIN)/python scripts/compile-messages
	scripts/check

clients: install-test ## regenerate clients/ from the code: OpenAPI schema, Python client, TypeScript types
	scripts/clients

lint: $(VENV)/.test-installed ## ruff format --check, ruff check and the import contracts
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python scripts/sizes

types: $(VENV)/.test-installed ## mypy on the kernel and the domain (configured in pyproject.toml)
	$(BIN)/mypy

lock: $(VENV)/.test-installed ## recompile requirements/*.lock from pyproject.toml (after changing a dependency)
	$(BIN)/python scripts/lock

bench: install-test ## the benchmarks in bench/ (see docs/benchmarks.md)
	scripts/bench

bench-traffic: install-test ## the traffic simulator: what the fraud rules catch (docs/fraud.md)
	scripts/services
	$(BIN)/python bench/traffic.py $(ARGS)

docker-check: ## build the image, bring the Compose stack up once and check it (needs Docker)
	scripts/docker-check

messages: install-test ## collect the translatable strings into locale/ (needs GNU gettext), then compile
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --ignore=clients
	$(BIN)/python scripts/compile-messages
