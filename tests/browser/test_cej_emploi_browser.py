"""The pages « Contrat d'Engagement Jeune » and « Emploi & formation » in a real browser with no internet,
on a 1366×768 laptop and a 390×844 phone: no exception, the headline and the key figures visible, every
chart drawn and none wider than the screen, no request leaving the machine. Whole-page screenshots are
saved to artifacts/screenshots/ (cej-portable.png, cej-telephone.png, emploi_formation-…)."""
from __future__ import annotations

import pytest

from tests.browser import navigateur

FORMATS = {"portable": (1366, 768), "telephone": (390, 844)}
PAGES = {
    "cej": ("Contrat d'Engagement Jeune", ["13\u202f927", "108\u202f%", "12\u202f952", "objectif atteint en",
                                           "Taux de réalisation de l'objectif par Mission Locale"], 3),
    "emploi_formation": ("Emploi & formation", ["20\u202f427", "40\u202f812", "2\u202f578", "2\u202f510",
                                                "Pourquoi deux chiffres ?", "«\u00a01 par 1\u00a0»"], 4),
}
# Streamlit scrolls inside its main block: let it grow so that a full-page screenshot holds the whole page.
DEPLIER = ("html,body,#root,[data-testid='stApp'],[data-testid='stAppViewContainer'],[data-testid='stMain']"
           "{height:auto!important;overflow:visible!important;max-height:none!important}")


@pytest.fixture(params=list(FORMATS))
def ecran(request, navigateur_chromium):
    largeur, hauteur = FORMATS[request.param]
    ctx = navigateur_chromium.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR")
    yield request.param, largeur, ctx
    ctx.close()


@pytest.mark.parametrize("chemin", list(PAGES))
def test_page_lisible_hors_ligne(ecran, app_url, chemin):
    nom_format, largeur, ctx = ecran
    titre, attendus, nb_graphiques = PAGES[chemin]
    navigateur.ouvrir(ctx, app_url).close()  # a first visit runs the router once
    hors_ligne = navigateur.Hors_ligne()
    page = navigateur.ouvrir(ctx, f"{app_url}/{chemin}", hors_ligne)
    h1 = page.locator("[data-testid='stMain'] h1").filter(has_text=titre).first
    h1.wait_for(state="visible", timeout=30_000)
    assert h1.is_visible()
    assert navigateur.exceptions(page) == []

    graphiques = page.locator("[data-testid='stVegaLiteChart']")
    graphiques.nth(nb_graphiques - 1).wait_for(state="attached", timeout=30_000)
    assert graphiques.count() == nb_graphiques
    for i in range(nb_graphiques):
        graphiques.nth(i).scroll_into_view_if_needed()
        boite = graphiques.nth(i).bounding_box()
        assert boite is not None and boite["height"] > 100
        assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur + 1, (chemin, i, boite)
    # the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= largeur

    texte = navigateur.texte_affiche(page, attendus)
    for attendu in attendus:
        assert attendu.lower() in texte.lower(), attendu
    assert "publié (rapport 2022)" in texte and "démonstration" in texte

    page.add_style_tag(content=DEPLIER)
    page.wait_for_timeout(500)
    capture = navigateur.capture(page, f"{chemin}-{nom_format}")
    assert capture.stat().st_size > 50_000
    assert hors_ligne.bloquees == [], hors_ligne.bloquees
    page.close()
