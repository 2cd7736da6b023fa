# ccm-report: the user's entry points. Each target sets up what it needs first.
#   make report   build every document in inputs/meeting.yaml into outputs/
#   make test     the checkers and the whole test suite (real pandoc, real LibreOffice)
#   make check    the checkers and the fast tests (no LibreOffice), in under a minute
#   make help     every target; the command line itself is .venv/bin/ccm-report (--help)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-liberation2 fonts-noto-core fonts-noto-cjk poppler-utils
# For the tests only (make test), not for make report: the browser the status page is rendered in,
# and OmegaT (Debian's, with its Java), whose console mode translates the XLIFF 1.2 export.
TEST_PACKAGES := chromium omegat

# pytest keeps the test modules it has rewritten (for its assertion messages) in __pycache__/: with
# bytecode writing turned off in the environment, each worker rewrites them all again (seconds a run).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help report final status issue translations validate remind test check lint templates visual-refresh bench \
	fuzz clean distclean system-deps test-deps new-meeting watch

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

report: $(STAMP) system-deps ## build every document of inputs/meeting.yaml into outputs/ (Word and PDF)
	$(PY) -m pipeline build

final: $(STAMP) system-deps ## the build to send to the UN: every warning not acknowledged is an error
	$(PY) -m pipeline build --final

status: $(STAMP) ## the status of the last build (documents, drafts, translations, figures)
	$(PY) -m pipeline status

issue: $(STAMP) ## record a built document as issued: make issue SYMBOL=CCM/MSP/2025/7 [FORCE="reason"]
	@test -n "$(SYMBOL)" || { echo "say which document: make issue SYMBOL=CCM/MSP/2025/7"; exit 2; }
	$(PY) -m pipeline issue "$(SYMBOL)" $(if $(FORCE),--force "$(FORCE)")

translations: $(STAMP) system-deps ## take returned XLIFF files in and build: make translations FILES="a.xlf b.xlf" (REPLACE=1: set older returns aside)
	@test -n "$(FILES)" || { echo "say which files: make translations FILES=\"CCM_MSP_2025_7.en-fr.xlf\""; exit 2; }
	$(PY) -m pipeline translate merge $(if $(REPLACE),--replace) $(FILES)

new-meeting: $(STAMP) ## archive this meeting in archive/ and prepare the next (DRY_RUN=1: only say what it would do)
	$(PY) -m pipeline new-meeting $(if $(DRY_RUN),--dry-run)

watch: $(STAMP) system-deps ## build, then again each time a file lands in or changes under inputs/ (Ctrl-C stops)
	$(PY) -m pipeline watch

validate: $(STAMP) ## check every input and print all findings; writes nothing
	$(PY) -m pipeline validate

remind: $(STAMP) ## reminders for missing drafts and overdue reports in outputs/reminders/ (SEND=1 sends; AGAIN=1, OVERDUE=1)
	$(PY) -m pipeline remind $(if $(SEND),--send) $(if $(AGAIN),--again) $(if $(OVERDUE),--overdue-only)

test: lint system-deps test-deps ## the checkers, then the whole test suite on both cores (real pandoc, LibreOffice, chromium)
	$(PY) -m pytest -n 2

check: lint ## the checkers, then the fast tests: everything but what runs LibreOffice, a browser or a mail server (under a minute)
	$(PY) -m pytest -q -n 2 -m "not libreoffice and not slow and not browser and not smtp and not omegat"

lint: $(STAMP) ## ruff (lint and format), mypy (types) and the import layers of pipeline/
	$(VENV)/bin/ruff check pipeline tests tools templates
	$(VENV)/bin/ruff format --check pipeline tests tools templates
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

fuzz: $(STAMP) system-deps ## mutational fuzzing of intake for FUZZ_SECONDS (default 120); crashes go to tests/fixtures/fuzz/
	$(PY) -m tools.fuzz

bench: $(STAMP) system-deps ## measure PDF conversion, full builds and rebuilds; prints figures and ratios
	$(PY) -m tools.bench

visual-refresh: $(STAMP) system-deps test-deps ## after an intended change of look: new reference pages and the status page's screenshot in tests/visual/
	CCM_UPDATE_VISUAL=1 $(PY) -m pytest -q tests/test_visual.py tests/test_status_browser.py

templates: $(STAMP) ## rebuild the Word templates in templates/ from templates/build_templates.py
	$(PY) templates/build_templates.py

clean: ## remove the generated outputs (the virtual environment stays: make distclean removes it too)
	rm -rf outputs/* outputs/.staging-* outputs/.cache

distclean: clean ## remove the outputs and the virtual environment
	rm -rf $(VENV)

# The virtual environment, rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "ccm-report needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "cannot create $(VENV): install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

# LibreOffice (PDF), a Times New Roman metric-compatible font, fonts for Arabic, Chinese and
# Cyrillic (the six UN languages), and poppler (the tests read PDFs).
system-deps:
	@if command -v soffice >/dev/null && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -q "Liberation Serif" \
	  && fc-list :lang=zh 2>/dev/null | grep -q . && fc-list :lang=ar 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(SYSTEM_PACKAGES) with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	else \
	  echo "missing LibreOffice, poppler or fonts: install them with 'sudo apt-get install $(SYSTEM_PACKAGES)'"; exit 1; \
	fi

# chromium, for the status page's browser tests (tests/test_status_browser.py), and omegat
# (tests/test_memory_omegat.py): make test only.
test-deps:
	@if { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; } && command -v omegat >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(TEST_PACKAGES) with apt-get (the status page's browser tests, OmegaT's)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_PACKAGES) >/dev/null; \
	else \
	  echo "missing chromium or omegat (for the tests): install them with 'sudo apt-get install $(TEST_PACKAGES)'"; exit 1; \
	fi
