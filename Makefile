# Two entry points (see README): `make lab` opens the lessons, `make test` runs every test.
# Both set everything up on a fresh machine first; later runs reuse the set-up.
VENV ?= .venv
PY := $(VENV)/bin/python
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: setup lab test lint browser

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Headless Chromium for the browser tests comes from Debian (browsers cannot be downloaded).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Jupyter refuses to start as root (common in containers) unless told --allow-root.
# More options for Jupyter: make lab LAB_ARGS="--no-browser --port=8890"
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=lessons $(ALLOW_ROOT) $(LAB_ARGS)

test: setup browser
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check medialit tests scripts
