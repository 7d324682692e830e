"""French typography of everything the pages show: numbers grouped with a narrow no-break space (50 687),
a narrow no-break space before % (4,6 %), never an ordinary space that a line break could split, never a
decimal point. One AppTest visit of every page (and every tab bound to a key), text, tables and chart data.

Quoted extraction of the report (« 36.8 % », « 800 160 12 221 ») is evidence of what was printed and is
left as it is: text between guillemets is not checked."""
from __future__ import annotations

import re

import pytest

from observatoire.pages_registre import PAGES
from tests.outils import blocs_visibles, lancer, onglets_lies

ESPACE_DANS_NOMBRE = re.compile(r"(?<![\d.,/])\d{1,3} \d{3}(?![\d])")   # 50 687 with an ordinary space
ESPACE_AVANT_POURCENT = re.compile(r"\d[ \u00a0]?%")                     # 4,6 % / 4,6% / 4,6 %
POINT_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+\s?\u202f?%")             # 36.8 %
CITATION = re.compile(r"«[^»]*»|\"[^\"]*\"")


def _fautes(texte: str) -> list[str]:
    hors = CITATION.sub("«»", texte)
    fautes = []
    for regle, motif in (("espace ordinaire dans un nombre", ESPACE_DANS_NOMBRE),
                         ("espace ordinaire ou absente avant %", ESPACE_AVANT_POURCENT),
                         ("point décimal", POINT_DECIMAL)):
        for m in motif.finditer(hors):
            debut = max(0, m.start() - 40)
            fautes.append(f"{regle} : …{hors[debut:m.end() + 20]}…")
    return fautes


def test_le_controle_voit_les_fautes():
    assert _fautes("50 687 jeunes")
    assert _fautes("4,6 % de moins") and _fautes("4,6% de moins") and _fautes("4,6\u00a0% de moins")
    assert _fautes("36.8\u202f% des sorties")
    assert not _fautes("50\u202f687 jeunes, 4,6\u202f% de moins, en 2022 ; imprimé « 36.8 % »")
    assert not _fautes("de 16 à 25 ans, 2021-2022, 14-CAE, 1er mars 2022")


@pytest.fixture(scope="module")
def etats_des_pages():
    """(page, tab) -> the blocs a reader sees, for every page and every tab bound to a key."""
    at = lancer()
    vus = {}
    for page in PAGES:
        if page is not PAGES[0]:
            at.switch_page(f"pages/{page.fichier}").run()
        vus[(page.fichier, "")] = blocs_visibles(at)
        for cle, onglets in onglets_lies(at).items():
            for onglet in onglets:
                at.session_state[cle] = onglet
                at.run()
                vus[(page.fichier, onglet)] = blocs_visibles(at)
    return vus


@pytest.mark.parametrize("page", [p.fichier for p in PAGES])
def test_typographie_des_nombres(etats_des_pages, page):
    fautes = sorted({f for (p, onglet), blocs in etats_des_pages.items() if p == page
                     for b in blocs for f in _fautes(b.texte)})
    assert not fautes, "\n".join(fautes[:30])
