"""`make screenshots`: a PNG of every page (laptop 1366×768 and phone 390×844) in artifacts/screenshots/,
taken in chromium with every non-localhost request blocked."""
from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from observatoire.pages_registre import PAGES
from tests.browser import navigateur

FORMATS = {"portable": (1366, 768), "telephone": (390, 844)}


def chemin_url(fichier: str) -> str:
    return "" if fichier == PAGES[0].fichier else fichier.removesuffix(".py")


def main() -> int:
    chemin = navigateur.chromium()
    if chemin is None:
        print("chromium absent : apt-get install chromium", file=sys.stderr)
        return 1
    problemes = []
    with navigateur.serveur_app() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chemin, headless=True, args=navigateur.ARGS_CHROMIUM)
        for nom_format, (largeur, hauteur) in FORMATS.items():
            ctx = browser.new_context(viewport={"width": largeur, "height": hauteur}, locale="fr-FR")
            for page_def in PAGES:
                hors_ligne = navigateur.Hors_ligne()
                page = navigateur.ouvrir(ctx, f"{base}/{chemin_url(page_def.fichier)}", hors_ligne)
                page.wait_for_timeout(800)  # charts and maps paint after the script run
                sortie = navigateur.capture(page, f"{page_def.fichier.removesuffix('.py')}-{nom_format}")
                erreurs = navigateur.exceptions(page)
                if erreurs or hors_ligne.bloquees:
                    problemes.append((page_def.fichier, erreurs, hors_ligne.bloquees))
                print(f"{sortie.relative_to(navigateur.ROOT)}")
                page.close()
            ctx.close()
        browser.close()
    for fichier, erreurs, bloquees in problemes:
        print(f"PROBLÈME {fichier}: exceptions={erreurs} requêtes hors ligne={bloquees}", file=sys.stderr)
    return 1 if problemes else 0


if __name__ == "__main__":
    sys.exit(main())
