"""Test session set-up: the data build is up to date before any test reads it (a no-op when it is);
the temporary data folder the import tests write to."""
import os
import shutil

import pytest

from observatoire import config

# Every chart spec drawn during the tests (AppTest and the browser tests' server) is checked against
# the Vega-Lite schema; the running app skips that check (observatoire/vue/graphiques.py).
os.environ["OBSERVATOIRE_VALIDER_GRAPHIQUES"] = "1"


@pytest.fixture(scope="session", autouse=True)
def donnees_construites():
    from observatoire import build

    build.construire()


@pytest.fixture
def donnees(tmp_path, monkeypatch):
    """A copy of data/ (build only: sources stay read-only in the repository) that config points to."""
    data = tmp_path / "data"
    shutil.copytree(config.BUILD_DIR, data / "build")
    monkeypatch.setattr(config, "DATA_DIR", data)
    monkeypatch.setattr(config, "BUILD_DIR", data / "build")
    monkeypatch.setattr(config, "DEMO_DIR", data / "build" / "demo")
    monkeypatch.setattr(config, "EXTRAITS_DIR", data / "extraits")
    monkeypatch.setattr(config, "SAUVEGARDES_DIR", data / "sauvegardes")
    # An accepted import builds the publication layer of every year before it returns (1 to 2 s here): the import
    # tests check what the import writes and refuses, not the layer, which a page builds anyway when it needs it.
    # tests/test_ingest.py::test_l_import_prepare_la_couche_de_publication puts the real build back.
    from observatoire.publication import couche  # noqa: PLC0415

    monkeypatch.setattr(couche, "construire_tout", lambda *args, **kwargs: [])
    return data
