# The README's two commands are `make run` and `make test`.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help install install-test run test lint bench services messages docker-check clients
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python ## install the platform's dependencies into .venv, compile the translations
	$(BIN)/pip install -q -e .
	$(BIN)/python scripts/compile-messages

install-test: $(BIN)/python ## install the platform and the test tools (and the browser) into .venv
	$(BIN)/pip install -q -e ".[test]"
	$(BIN)/pip install -q -e clients/python
	$(BIN)/python scripts/compile-messages
	scripts/install-browser

run: install ## migrate, load demo data and serve on http://127.0.0.1:8000 (embedded default)
	scripts/run

test: install-test ## lint, then the whole suite on PostgreSQL + Redis, then the SQLite subset
	scripts/test

clients: install-test ## regenerate clients/ from the code: OpenAPI schema, Python client, TypeScript types
	scripts/clients

lint: install-test ## ruff format --check, ruff check and the import contracts
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python scripts/sizes

bench: install-test ## the benchmarks in bench/ (see docs/benchmarks.md)
	scripts/bench

docker-check: ## build the image, bring the Compose stack up once and check it (needs Docker)
	scripts/docker-check

messages: install-test ## collect the translatable strings into locale/ (needs GNU gettext), then compile
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles
	$(BIN)/python scripts/compile-messages
