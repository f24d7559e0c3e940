# The two commands a newcomer types: `make run` and `make test`. Everything they need is
# installed from here (a virtualenv in .venv), nothing by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_PEGAWAI ?= 600
export FLASK_APP := portal:create_app
# htmx is vendored (no CDN): `make vendor-htmx` takes this version from the npm registry and
# refuses a file whose hash differs. tests/core/test_static.py checks the committed copy.
HTMX_VERSION := 2.0.11
HTMX_SHA256 := d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717
# axe-core, vendored the same way, runs only inside the browser tests (the accessibility sweep).
AXE_VERSION := 4.14.1
AXE_SHA256 := 29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c

.PHONY: run test install install-dev install-bench translations translations-update lint chromium vendor-htmx vendor-axe clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,bench]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

# Compiled catalogues are build output (git-ignored); rebuilt whenever a .po changes.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
translations/%.mo: translations/%.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@ 2>&1 | tail -1
translations: $(MO_FILES)

translations-update: $(VENV)/.installed
	$(BIN)/flask translate update

run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data --if-empty --pegawai $(DEMO_PEGAWAI)
	$(BIN)/flask rapor prerender
	@echo "Portal Kinerja ASN: http://$(HOST):$(PORT)/"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check portal tests bench migrations

vendor-htmx:
	scripts/vendor-npm htmx.org $(HTMX_VERSION) $(HTMX_SHA256) dist/htmx.min.js \
	  portal/static/js/htmx-$(HTMX_VERSION).min.js portal/static/js/htmx-LICENSE.txt

vendor-axe:
	scripts/vendor-npm axe-core $(AXE_VERSION) $(AXE_SHA256) axe.min.js \
	  tests/browser/vendor/axe-$(AXE_VERSION).min.js tests/browser/vendor/axe-LICENSE.txt

chromium:
	@scripts/ensure-chromium

test: install-dev translations lint chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache translations/*/LC_MESSAGES/*.mo
