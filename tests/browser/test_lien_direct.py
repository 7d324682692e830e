"""A shared link opened first on a fresh server (a meeting room clicking the same link) gets the app's
menu and page, not Streamlit's legacy pages/ menu of raw file names."""
from tests.browser import navigateur


def test_premier_acces_par_lien_direct(navigateur_chromium):
    with navigateur.serveur_app() as base:
        ctx = navigateur_chromium.new_context(viewport={"width": 1366, "height": 768})
        try:
            page = navigateur.ouvrir(ctx, f"{base}/publics?territoire=14")
            menu = page.locator("[data-testid='stSidebarNav']").inner_text()
            assert "Publics accompagnés" in menu
            assert "chiffres cles" not in menu
            assert page.locator("h1").first.inner_text().strip() == "Publics accompagnés"
            autre = navigateur.ouvrir(ctx, f"{base}/cej")
            assert "Chiffres clés" in autre.locator("[data-testid='stSidebarNav']").inner_text()
        finally:
            ctx.close()


def test_la_page_d_accueil_repond_aussi_a_son_nom(navigateur_chromium):
    """The home page lives at /; /chiffres_cles (its file's name, what a reader types from the menu's title) opens
    it too, with the link's year and territory, and adds no menu entry."""
    with navigateur.serveur_app() as base:
        ctx = navigateur_chromium.new_context(viewport={"width": 1366, "height": 768})
        try:
            page = navigateur.ouvrir(ctx, f"{base}/chiffres_cles?annee=2021&territoire=14")
            assert page.locator("h1").first.inner_text().strip() == "Chiffres clés"
            assert "Page not found" not in page.locator("[data-testid='stApp']").inner_text()
            assert "annee=2021" in page.url and "territoire=14" in page.url
            assert "Calvados (14), année 2021" in page.locator("[data-testid='stMain']").inner_text()
            menu = page.locator("[data-testid='stSidebarNav']").inner_text()
            assert menu.count("Chiffres clés") == 1
        finally:
            ctx.close()
