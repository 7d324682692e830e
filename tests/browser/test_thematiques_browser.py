"""The thematic pages in chromium with no internet: no exception element, headline figures visible (in every tab,
each tab drawn when chosen and named in the address), charts drawn, no request leaving the machine; screenshots
on a laptop (1366×768) and a phone (390×844) saved under
artifacts/screenshots/thematique-<page>-<format>.png."""
import pytest

from tests.browser import navigateur

N = "\u202f"
# Per page: the figures visible on opening, then per tab to click (label -> figures visible in it).
PAGES = {
    "justice": (["733", f"57{N}%", f"86,5{N}%", f"8,7{N}%", "secret"], {}),
    "handicap": ([f"5,2{N}%", f"4,3{N}%", f"2{N}636", "30 ans", "jusqu'à 29 ans inclus"], {}),
    "logement": ([f"10{N}291", f"20,3{N}%", f"33{N}056", f"65,2{N}%", f"7{N}340", f"14,5{N}%"], {}),
    "sante": ([f"1{N}343", f"36{N}%", f"19{N}%", f"15{N}%", f"17{N}%", f"6{N}000", "Plusieurs réponses possibles",
               "Appariement incertain"], {}),
    "vigie_formation": ([f"1{N}516", f"5{N}437", "374", "306"],
                        {"Formation": [f"8{N}086", f"6{N}651", f"4{N}985"],
                         "Obligation de formation 16-18 ans": ["471", f"99{N}%"]}),
    "citoyennete_mobilite": ([f"3{N}027", f"5,7{N}%", f"33{N}%", "978", "32", "14"], {}),
    "vie_reseau": (["367", "762", f"71{N}500", f"27{N}582", f"74{N}744"],
                   {"Plan de formation": ["357", f"41{N}%", "87"],
                    "Communication": ["145", f"3{N}500"],
                    "Objectif Planète": ["800", "221", "appariement incertain"]}),
}


def _verifier(page, attendus: list[str]) -> None:
    texte = navigateur.texte_affiche(page, attendus)
    manquants = [a for a in attendus if a not in texte]
    assert not manquants, manquants


@pytest.mark.parametrize("nom", list(PAGES))
def test_page_thematique_hors_ligne(contexte, app_url, hors_ligne, nom):
    page = navigateur.ouvrir(contexte, f"{app_url}/{nom}", hors_ligne)
    page.locator("[data-testid='stMain'] h1").first.wait_for(state="visible", timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(state="visible", timeout=30_000)
    attendus, onglets = PAGES[nom]
    _verifier(page, attendus)
    page.wait_for_timeout(800)  # charts paint after the script run
    navigateur.capture(page, f"thematique-{nom}-portable")
    for libelle, chiffres in onglets.items():
        page.get_by_role("tab", name=libelle, exact=True).click()
        navigateur.attendre(page)  # only the selected tab is drawn: the click reruns the page
        _verifier(page, chiffres)
        assert "onglet_" in page.url  # the tab is in the address: a link opens the same tab
        navigateur.capture(page, f"thematique-{nom}-onglet-{libelle.split()[0].lower()}")
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == [], hors_ligne.bloquees
    page.close()


@pytest.mark.parametrize("nom", ["justice", "sante"])
def test_page_thematique_sur_telephone(navigateur_chromium, app_url, nom):
    """On a phone the columns stack: the figures stay readable, the table and charts fit the width."""
    ctx = navigateur_chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR",
                                          device_scale_factor=2, is_mobile=True, has_touch=True)
    hors_ligne = navigateur.Hors_ligne()
    try:
        page = navigateur.ouvrir(ctx, f"{app_url}/{nom}", hors_ligne)
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for(state="visible", timeout=30_000)
        _verifier(page, PAGES[nom][0][:3])
        # No chart wider than the screen (a horizontal scroll would hide bars and labels).
        largeurs = page.locator("[data-testid='stVegaLiteChart']").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)")
        assert max(largeurs) <= 390 + 1, largeurs
        page.wait_for_timeout(800)
        navigateur.capture(page, f"thematique-{nom}-telephone")
        assert navigateur.exceptions(page) == []
        assert hors_ligne.bloquees == []
    finally:
        ctx.close()
