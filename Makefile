# make serve | build | test | bench | offline | pdf — each creates .venv first if needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench offline pdf lock clean

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# SITE_URL: mkdocs serves under site_url's path; locally the site lives at the root.
serve: $(READY)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build next to site/ and swap it in only when the strict build succeeded: never half a site.
build: $(READY)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

test: $(READY)
	$(BIN)/python -m pytest

bench: $(READY)
	$(BIN)/python tests/bench.py

# The site for file:// reading, zipped. The Web Worker shim that search needs there comes from the
# npm registry (Material would otherwise load it from a CDN at reading time).
SHIM := .cache/iframe-worker/package/shim/index.js
$(SHIM):
	mkdir -p .cache/iframe-worker
	cd .cache/iframe-worker && npm pack --silent iframe-worker@1.0.4 >/dev/null && tar xzf iframe-worker-1.0.4.tgz

offline: $(READY) $(SHIM)
	rm -rf dist/offline.tmp dist/d2l-notes-offline.zip
	D2L_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir dist/offline.tmp
	mkdir -p dist && cd dist/offline.tmp && ../../$(BIN)/python -m zipfile -c ../d2l-notes-offline.zip .
	rm -rf dist/offline.tmp
	@echo "wrote dist/d2l-notes-offline.zip"

pdf: build
	$(BIN)/python -m d2l_notes_build.pdf site dist

lock:
	rm -rf /tmp/d2l-notes-lock && $(PYTHON) -m venv /tmp/d2l-notes-lock
	/tmp/d2l-notes-lock/bin/pip install --quiet '.[test]'
	{ echo "# Every package, pinned: 'make lock' regenerates this from pyproject.toml in a fresh venv."; \
	  /tmp/d2l-notes-lock/bin/pip freeze --exclude-editable | grep -v '^d2l-notes'; } > requirements.lock

clean:
	rm -rf site site.tmp dist .cache
