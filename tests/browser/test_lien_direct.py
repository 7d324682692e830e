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
