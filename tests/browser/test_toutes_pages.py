"""Every page of the menu, opened in a real browser with no internet: no exception element, the headline
visible, no request leaving the machine, a screenshot saved (artifacts/screenshots/navigateur-<page>.png)."""
import pytest

from observatoire.pages_registre import PAGES
from tests.browser import navigateur


def url_de(base: str, fichier: str) -> str:
    """The page's address: the first page is the home (/), the others are named after their file."""
    return base + "/" + ("" if fichier == PAGES[0].fichier else fichier.removesuffix(".py"))


@pytest.mark.parametrize("page_def", PAGES, ids=[p.fichier.removesuffix(".py") for p in PAGES])
def test_page_ouverte_hors_ligne_sans_exception_avec_titre(contexte, app_url, hors_ligne, page_def):
    page = navigateur.ouvrir(contexte, url_de(app_url, page_def.fichier), hors_ligne)
    titre = page.locator("[data-testid='stMain'] h1").filter(has_text=page_def.titre)
    titre.first.wait_for(state="visible", timeout=30_000)
    assert titre.first.is_visible()
    assert navigateur.exceptions(page) == []
    chemin = navigateur.capture(page, f"navigateur-{page_def.fichier.removesuffix('.py')}")
    assert hors_ligne.bloquees == [], hors_ligne.bloquees
    assert chemin.stat().st_size > 5_000
    page.close()
