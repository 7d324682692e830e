"""Every page of the menu runs without exception and shows its headline (AppTest, server side)."""
import pytest
from observatoire.pages_registre import PAGES
from tests.outils import lancer


def test_le_menu_liste_chaque_fichier_de_pages():
    from pathlib import Path

    fichiers = {p.name for p in (Path(__file__).parents[1] / "pages").glob("*.py")}
    assert fichiers == {p.fichier for p in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=[p.fichier for p in PAGES])
def test_page_sans_exception_avec_titre(page):
    at = lancer(None if page is PAGES[0] else page.fichier)
    assert not at.exception, [e.message for e in at.exception]
    assert page.titre in [t.value for t in at.title], [t.value for t in at.title]


def test_presentation_depuis_nimporte_quelle_adresse():
    from streamlit.testing.v1 import AppTest

    from tests.outils import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["presentation"] = "1"
    at.run()
    assert not at.exception
    texte = "\n".join(m.value for m in at.markdown)
    assert 'class="diapo-titre"' in texte  # the slide show, not the home page
    assert "Chiffres clés" not in [t.value for t in at.title]
