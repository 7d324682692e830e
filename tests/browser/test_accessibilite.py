"""Accessibility (RGAA, built on WCAG 2.1 AA): every page audited in the browser with axe-core, the main
document and the same-origin component frames (the map); zero critical or serious violation, except those
listed in AUTORISEES with the reason. Every chart has a text alternative (its accessible name), the
one-line reading « À retenir » and its data table right after it.

axe-core is fetched with npm at set-up (tests/browser/axe.py); without npm the audit is skipped with a
message, except under CI (CI=true) where it must run. Results per page: artifacts/accessibilite/<page>.json.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from observatoire.pages_registre import PAGES
from tests.browser import axe, navigateur
from tests.browser.test_toutes_pages import url_de

IMPACTS_BLOQUANTS = {"critical", "serious"}
RAPPORTS = navigateur.ROOT / "artifacts" / "accessibilite"

# Violations the app cannot fix, each limited to the markup where it is allowed (a CSS selector the
# failing element must sit in) and with its reason. Anything else fails the test.
AUTORISEES: dict[str, tuple[str, str]] = {
    "list": ("[data-testid='stSidebarNavItems']",
             "menu de Streamlit (st.navigation avec sections) : les titres de section sont des <div> placés "
             "directement dans la liste <ul> ; balisage interne de Streamlit, que l'application ne produit pas"),
    "listitem": ("[data-testid='stSidebarNavItems']",
                 "même cause : les <li> des pages d'une section sont dans un <div>, pas dans un <ul>"),
}


@pytest.fixture(scope="session")
def source_axe() -> str:
    try:
        return axe.script()
    except (axe.NpmAbsent, subprocess.SubprocessError, OSError) as exc:
        message = f"axe-core {axe.VERSION} indisponible : {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — npm est requis en CI pour l'audit d'accessibilité")
        pytest.skip(message)


def _dans(cadre, cible: str, selecteur: str) -> bool:
    return cadre.evaluate("([c, s]) => { const e = document.querySelector(c); return !!(e && e.closest(s)); }",
                          [cible, selecteur])


def _graphiques(page) -> list[dict]:
    """For each chart, in document order: its accessible name and whether its reading and its data
    table come after it (and before the next chart)."""
    return page.evaluate("""() => {
      const graphiques = [...document.querySelectorAll("[data-testid='stVegaLiteChart']")];
      const apres = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      const lectures = [...document.querySelectorAll("[data-testid='stMarkdownContainer']")]
        .filter(e => e.innerText.trim().startsWith('À retenir'));
      const tables = [...document.querySelectorAll("[data-testid='stExpander'] summary")]
        .filter(e => e.innerText.includes('Voir les données du graphique'));
      return graphiques.map((g, i) => {
        const suivant = graphiques[i + 1];
        const entre = e => apres(g, e) && (!suivant || apres(e, suivant));
        return {nom: g.getAttribute('aria-label') || '', role: g.getAttribute('role') || '',
                lecture: lectures.some(entre), table: tables.some(entre)};
      });
    }""")


@pytest.mark.parametrize("page_def", PAGES, ids=[p.fichier.removesuffix(".py") for p in PAGES])
def test_page_accessible(contexte, app_url, source_axe, page_def):
    page = navigateur.ouvrir(contexte, url_de(app_url, page_def.fichier))
    # Charts and the map paint after the script run: wait until every shown chart has drawn (one in a
    # tab not chosen is not laid out and draws only when shown).
    page.wait_for_function("""() => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
                                      .every(g => !g.offsetParent || g.querySelector('svg, canvas'))""",
                           timeout=30_000)
    page.wait_for_timeout(500)
    cadres = [page.main_frame] + [f for f in page.frames if f is not page.main_frame
                                  and f.url.startswith(app_url)]
    bloquantes, autorisees, mineures = [], [], []
    for cadre in cadres:
        nom_cadre = "document" if cadre is page.main_frame else cadre.url.removeprefix(app_url).split("?")[0]
        for v in axe.auditer(cadre, source_axe):
            for noeud in v["noeuds"]:
                ligne = {"cadre": nom_cadre, "regle": v["id"], "impact": v["impact"], "aide": v["aide"],
                         "cible": noeud["cible"], "html": noeud["html"], "resume": noeud["resume"]}
                if v["impact"] not in IMPACTS_BLOQUANTS:
                    mineures.append(ligne)
                elif v["id"] in AUTORISEES and _dans(cadre, noeud["cible"], AUTORISEES[v["id"]][0]):
                    autorisees.append({**ligne, "raison": AUTORISEES[v["id"]][1]})
                else:
                    bloquantes.append(ligne)
    graphiques = _graphiques(page)
    RAPPORTS.mkdir(parents=True, exist_ok=True)
    (RAPPORTS / f"{page_def.fichier.removesuffix('.py')}.json").write_text(json.dumps(
        {"page": page_def.titre, "axe_core": axe.VERSION, "regles": axe.TAGS_WCAG, "cadres": len(cadres),
         "bloquantes": bloquantes, "autorisees": autorisees, "mineures": mineures, "graphiques": graphiques},
        ensure_ascii=False, indent=1), encoding="utf-8")
    page.close()

    assert bloquantes == [], "\n".join(f"{b['impact']} {b['regle']} ({b['aide']}) dans {b['cadre']} : "
                                       f"{b['cible']} — {b['resume']}" for b in bloquantes)
    for i, g in enumerate(graphiques, 1):
        assert g["role"] == "graphics-document", (i, g)
        assert g["nom"] and g["nom"] != "Vega visualization", f"graphique {i} sans alternative textuelle"
        assert g["lecture"], f"graphique {i} sans phrase « À retenir » après lui"
        assert g["table"], f"graphique {i} sans tableau de données après lui"


def test_les_autorisations_portent_sur_le_menu_de_streamlit(contexte, app_url, source_axe):
    """The allowed violations are real (axe does report them on the menu) and nowhere else: if Streamlit
    fixes its menu, this test says the allowance can go."""
    page = navigateur.ouvrir(contexte, app_url)
    trouvees = {v["id"] for v in axe.auditer(page.main_frame, source_axe)}
    page.close()
    assert set(AUTORISEES) <= trouvees, f"autorisations devenues inutiles : {set(AUTORISEES) - trouvees}"
