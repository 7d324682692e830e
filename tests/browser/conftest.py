"""Fixtures for browser tests: one app server per session, a chromium browser, offline pages.

Without chromium the browser tests are skipped with a message — except under CI (CI=true), where
they must run: .ci/run installs Debian's chromium first."""
from __future__ import annotations

import os

import pytest

from tests.browser import navigateur


@pytest.fixture(scope="session")
def navigateur_chromium():
    chemin = navigateur.chromium()
    if chemin is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium est requis en CI (apt-get install chromium)")
        pytest.skip("chromium absent : tests navigateur ignorés (apt-get install chromium pour les lancer)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chemin, headless=True, args=navigateur.ARGS_CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_url(navigateur_chromium):
    with navigateur.serveur_app() as url:
        yield url


@pytest.fixture
def hors_ligne():
    return navigateur.Hors_ligne()


@pytest.fixture
def contexte(navigateur_chromium):
    ctx = navigateur_chromium.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR",
                                          accept_downloads=True)
    yield ctx
    ctx.close()
