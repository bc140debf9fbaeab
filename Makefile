# make serve | build | test | bench | offline | pdf — each creates .venv first if needed.
#
# The interpreter: PYTHON if given, else the first that runs of python3.11, python3.12, python3.10
# and python3 (a name on the PATH can be a pyenv shim that only fails when run). MXNet 1.9.1 needs
# NumPy 1.x, and NumPy 1.x has no wheels past CPython 3.12.
SUPPORTED := 3.10 3.11 3.12
CANDIDATES := python3.11 python3.12 python3.10 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[12]*/bin/python3.1[12])
version_of = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
supported = $(filter $(SUPPORTED),$(call version_of,$(1)))
PYTHON ?= $(firstword $(foreach p,$(CANDIDATES),$(if $(call supported,$(p)),$(p))))
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench offline pdf lock clean python

python:
	@if [ -z "$(PYTHON)" ] || [ -z "$(call supported,$(PYTHON))" ]; then \
	  echo "error: no Python that can run MXNet 1.9.1 (found: $(or $(PYTHON),none) $(call version_of,$(PYTHON)))."; \
	  echo "  It needs CPython $(SUPPORTED): NumPy 1.x, which MXNet needs, has no wheels for 3.13 and later."; \
	  echo "  Get one, e.g. 'uv python install 3.12' or 'pyenv install 3.12', then run: make PYTHON=/path/to/python3.12 ..."; \
	  exit 1; \
	fi

$(READY): requirements.lock pyproject.toml | python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# MXNet on NumPy 1.26 (Python 3.12): see src/d2l_notes_build/compat.py
	echo "import d2l_notes_build.compat" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/d2l_notes_compat.pth"
	touch $@

# SITE_URL: mkdocs serves under site_url's path; locally the site lives at the root. The module
# runs `mkdocs serve` with the site it rebuilds in a RAM disk where there is one (it says why).
serve: $(READY)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/python -m d2l_notes_build.serve --dev-addr 127.0.0.1:8000

# Build next to site/ and swap it in only when the strict build succeeded: never half a site.
build: $(READY)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

# Three workers on two cores: tests wait on browsers and subprocesses, and a third fills those waits
# (measured on a clean clone: 5 min 0 s with two, 4 min 31 s with three). tests/conftest.py says
# which tests one worker runs together (xdist's loadscope, refined there) and what they share.
test: $(READY)
	$(BIN)/python -m pytest -n 3 --dist loadscope

# SCALE=1,2,5 also measures copies of the site with the content replicated (see tests/bench.py).
bench: $(READY)
	$(BIN)/python tests/bench.py $(if $(SCALE),--scale $(SCALE))

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
	$(BIN)/python -m d2l_notes_build.pdf site dist mkdocs.yml

# One lock for both interpreters: what both resolve alike as it is, the rest with a marker.
PYTHON311 ?= $(firstword $(foreach p,$(CANDIDATES),$(if $(filter 3.11,$(call version_of,$(p))),$(p))))
PYTHON312 ?= $(firstword $(foreach p,$(CANDIDATES),$(if $(filter 3.12,$(call version_of,$(p))),$(p))))
lock:
	@test -n "$(PYTHON311)" -a -n "$(PYTHON312)" || { echo "make lock needs Python 3.11 and 3.12 (PYTHON311=, PYTHON312=)"; exit 1; }
	for python in $(PYTHON311) $(PYTHON312); do \
	  version=$$($$python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  rm -rf /tmp/d2l-notes-lock-$$version && $$python -m venv /tmp/d2l-notes-lock-$$version && \
	  /tmp/d2l-notes-lock-$$version/bin/pip install --quiet '.[test]' && \
	  /tmp/d2l-notes-lock-$$version/bin/pip freeze --all --exclude-editable | grep -v -e '^d2l-notes' -e '^pip==' | sort > /tmp/d2l-notes-lock-$$version.txt || exit 1; \
	done
	{ echo "# Every package, pinned for Python 3.10/3.11 and 3.12: 'make lock' regenerates this from pyproject.toml."; \
	  { comm -12 /tmp/d2l-notes-lock-3.11.txt /tmp/d2l-notes-lock-3.12.txt; \
	    comm -23 /tmp/d2l-notes-lock-3.11.txt /tmp/d2l-notes-lock-3.12.txt | sed 's/$$/ ; python_version < "3.12"/'; \
	    comm -13 /tmp/d2l-notes-lock-3.11.txt /tmp/d2l-notes-lock-3.12.txt | sed 's/$$/ ; python_version >= "3.12"/'; \
	  } | sort -f; } > requirements.lock

clean:
	rm -rf site site.tmp dist .cache
