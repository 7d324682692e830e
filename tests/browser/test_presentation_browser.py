"""Presentation mode in a browser with every non-localhost request blocked: full screen without menu or
toolbar, slides stepped with the ← → keys and the buttons, screenshots at 1920×1080; links with
parameters reopen the same view."""
from observatoire.sorties import diapositives, phrases
from tests.browser import navigateur


def titre(page) -> str:
    return page.locator("p.diapo-titre").inner_text()


def test_mode_presentation_hors_ligne_au_clavier(navigateur_chromium, app_url, hors_ligne):
    ctx = navigateur_chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
    try:
        page = navigateur.ouvrir(ctx, f"{app_url}/presentation?presentation=1", hors_ligne)
        attendues = diapositives.diapos(2022, "Normandie")
        assert titre(page) == attendues[0].titre
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert not page.locator("[data-testid='stHeader']").is_visible()
        assert not page.locator("[data-testid='stToolbar']").is_visible()
        # Readable from the back of the room: the slide's title and numbers are large.
        taille = page.locator("p.diapo-titre").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        chiffre = page.locator("p.diapo-valeur").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert taille >= 48 and chiffre >= 90, (taille, chiffre)

        for i in range(len(attendues)):
            if i:
                page.keyboard.press("ArrowRight")
                navigateur.attendre(page)
            page.wait_for_timeout(600)  # charts paint after the script run
            assert titre(page) == attendues[i].titre
            assert (f"diapo={i + 1}" in page.url) == (i > 0)
            navigateur.capture(page, f"presentation-{i + 1}")
        page.keyboard.press("ArrowLeft")
        navigateur.attendre(page)
        assert titre(page) == attendues[-2].titre
        page.get_by_role("button", name="Précédente").click()
        navigateur.attendre(page)
        assert titre(page) == attendues[-3].titre
        assert navigateur.exceptions(page) == []
        assert hors_ligne.bloquees == []
    finally:
        ctx.close()


def test_un_lien_avec_parametres_rouvre_la_meme_vue(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, f"{app_url}/presentation?presentation=1&diapo=3&territoire=14", hors_ligne)
    assert titre(page) == diapositives.diapos(2022, "14")[2].titre
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    page.close()

    page = navigateur.ouvrir(contexte, f"{app_url}/phrases_cles?annee=2021&territoire=14", hors_ligne)
    premiere = page.locator("[data-testid='stCode'] code").first.inner_text()
    assert premiere == phrases.phrases(2021, "14")[0].texte
    assert "annee=2021" in page.url and "territoire=14" in page.url
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []
