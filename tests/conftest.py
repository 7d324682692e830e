"""Test session set-up: the data build is up to date before any test reads it (a no-op when it is)."""
import pytest


@pytest.fixture(scope="session", autouse=True)
def donnees_construites():
    from observatoire import build

    build.construire()
