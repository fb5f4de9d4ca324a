# Two commands do everything on a fresh machine:
#   make run   — create .venv, install, serve the app on http://127.0.0.1:8501 (PORT=8502: another)
#   make test  — install test tools (and Debian's chromium and postgresql when missing), lint, the import
#                contract, type-check, test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test lint types unit e2e bench demo clean chromium axe postgresql haproxy

# pip install -e . puts the `attune` command on the venv's path (pyproject.toml's [project]);
# compat mode is a plain .pth line (the default import hook costs every process 30 ms).
# pip byte-compiles every module it installs (26 s of a 63 s install here). Not skipped: where
# PYTHONDONTWRITEBYTECODE is set (this machine sets it) nothing would ever write the .pyc
# files, and every process (each test's server) compiled its imports again: 3.7 s, not 1.3 s,
# to import streamlit, pandas, altair and SQLAlchemy.
EDITABLE := --config-settings editable_mode=compat -e .
PIP := $(PY) -m pip install --disable-pip-version-check
# Said before each step, and pip's own progress shown: the first install takes minutes.
$(VENV)/.runtime: requirements.txt pyproject.toml
	@echo "Attune: setting up $(VENV) (the first time takes a few minutes)…"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Attune: installing Attune and its dependencies into $(VENV)…"
	$(PIP) --progress-bar on -r requirements.txt $(EDITABLE)
	@echo "Attune: installed."
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml $(VENV)/.runtime
	$(PIP) --quiet -r requirements-dev.txt $(EDITABLE)
	touch $@

run: $(VENV)/.runtime
	@echo "Attune: starting on http://127.0.0.1:$(PORT) (Ctrl+C stops it)…"
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v chromium

# Debian's PostgreSQL server binaries for the tests that run on both databases (a throwaway
# cluster per test process, tests/pg_cluster.py; nothing is started here).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the tests on PostgreSQL…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null || command -v initdb

# Debian's HAProxy for the browser test of two replicas behind a proxy (tests/e2e/test_replicas.py,
# deploy/replicas.py starts its own; nothing is started here).
haproxy:
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { \
	  echo "Installing Debian's haproxy for the test of two replicas…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; }
	@command -v haproxy 2>/dev/null || ls /usr/sbin/haproxy

# axe-core (the accessibility audit of tests/e2e/test_accessibility.py), pinned, from the npm
# registry into .cache/axe (gitignored); Debian's npm is installed first when missing.
AXE_VERSION := 4.14.1
AXE := .cache/axe/.axe-core-$(AXE_VERSION)

$(AXE):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm for the accessibility audit…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --prefix .cache/axe --no-audit --no-fund --no-save --no-package-lock \
	  --loglevel=error axe-core@$(AXE_VERSION)
	test -f .cache/axe/node_modules/axe-core/axe.min.js && touch $@

axe: $(AXE)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

types: $(VENV)/.dev
	$(VENV)/bin/mypy

# The type check (30 s on one core) runs beside the suite, whose two workers do not keep both
# cores busy throughout (browser tests wait on their servers and browsers); its output follows
# the suite's, and either failing fails `make test`.
test: $(VENV)/.dev chromium postgresql haproxy axe lint
	$(VENV)/bin/mypy > $(VENV)/mypy.log 2>&1 & mypy=$$!; \
	$(PY) -m pytest -n 2 --dist loadgroup; tests=$$?; \
	wait $$mypy; types=$$?; echo "mypy:"; cat $(VENV)/mypy.log; \
	test $$tests = 0 && test $$types = 0

unit: $(VENV)/.dev postgresql
	$(PY) -m pytest -q tests/unit tests/storage

e2e: $(VENV)/.dev chromium postgresql haproxy axe
	$(PY) -m pytest -q -m e2e

# make bench [BENCH="--sizes 1000,10000 --quick"] — measures the budgets, writes bench/results.json
# and docs/performance.md's Latest figures (separate from make test: it takes minutes). Its load
# step (BENCH="--only load") runs two replicas behind Debian's haproxy.
bench: $(VENV)/.dev chromium postgresql haproxy
	$(PY) -m bench $(BENCH)

# make demo [DEMO=--into-existing] — sample data; a journal with real entries is refused unless
# DEMO=--into-existing (then each member's sample data is one import that Undo removes).
demo: $(VENV)/.runtime
	$(VENV)/bin/attune demo --members 2 --years 3 $(DEMO)

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
