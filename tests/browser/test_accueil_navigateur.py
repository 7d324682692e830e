"""The home page in a real browser, with no internet: figures as published, no request leaves the machine."""
from tests.browser import navigateur


def test_accueil_affiche_les_chiffres_publies_hors_ligne(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, app_url, hors_ligne)
    attendus = ["50\u202f687", "−4,6\u202f%", "18\u202f024", "−12,8\u202f%", "13\u202f927",
                "12\u202f952", "108\u202f%"]
    texte = navigateur.texte_affiche(page, attendus)
    for attendu in attendus:
        assert attendu in texte, attendu
    assert "publié (rapport 2022)" in texte
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []
    chemin = navigateur.capture(page, "chiffres_cles")
    assert chemin.stat().st_size > 10_000


def test_un_seul_menu_de_navigation(contexte, app_url):
    page = navigateur.ouvrir(contexte, app_url)
    assert page.locator("[data-testid='stSidebarNav']").count() == 1
    assert page.get_by_role("link", name="Territoires").count() >= 1
