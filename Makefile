# Two entry points (see README): `make lab` opens the lessons, `make test` runs every test.
# Both set everything up on a fresh machine first; later runs reuse the set-up.
VENV ?= .venv
PY := $(VENV)/bin/python
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: setup lab test lint browser hub-tools

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,hub]'
	touch $@

# Headless Chromium for the browser tests comes from Debian (browsers cannot be downloaded).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The class hub's tests (marker `hub`) need root, configurable-http-proxy from npm (installed into
# .hub-tools/) and a Python every account can run (Debian's python3 with venv).  Without root
# they are skipped, and so is this step.
CHP_VERSION := 5.3.0
hub-tools:
	@if [ "$$(id -u)" != 0 ]; then echo "hub-tools: not root, the hub tests will be skipped"; exit 0; fi; \
	command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }; \
	/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }; \
	test -x .hub-tools/node_modules/.bin/configurable-http-proxy || \
	  npm install --silent --no-audit --no-fund --prefix .hub-tools configurable-http-proxy@$(CHP_VERSION)

# Jupyter refuses to start as root (common in containers) unless told --allow-root.
# More options for Jupyter: make lab LAB_ARGS="--no-browser --port=8890"
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=lessons $(ALLOW_ROOT) $(LAB_ARGS)

test: setup browser hub-tools
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check medialit tests scripts
