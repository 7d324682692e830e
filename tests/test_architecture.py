"""The folders show the architecture: only the pages and the view package (observatoire/vue/) draw with streamlit,
and a page only draws, in a few lines. Checked on the source, without running anything."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.outils import ROOT

PAQUET = ROOT / "observatoire"
VUE = PAQUET / "vue"
LIGNES_MAX_PAGE = 200
# TODO(issue 14): moved by other branches (exports.py -> sorties/ + vue/telechargements.py, presentation.py ->
# vue/presentation.py; pages/cej.py split by the lead). Each entry is checked to still be needed: empty these sets
# as the branches merge.
EN_ATTENTE_STREAMLIT: set[str] = set()
EN_ATTENTE_PAGES: set[str] = set()


def modules_importes(chemin: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    noms = set()
    for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"), filename=str(chemin))):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.level == 0:
            noms.add(noeud.module)
    return noms


def importe_streamlit(chemin: Path) -> bool:
    return any(nom == "streamlit" or nom.startswith("streamlit.") for nom in modules_importes(chemin))


def hors_vue() -> list[Path]:
    return sorted(p for p in PAQUET.rglob("*.py") if VUE not in p.parents)


def test_seule_la_vue_importe_streamlit():
    fautifs = {str(p.relative_to(ROOT)) for p in hors_vue() if importe_streamlit(p)}
    assert fautifs <= EN_ATTENTE_STREAMLIT, f"streamlit importé hors de observatoire/vue/ : {sorted(fautifs)}"
    ranges = EN_ATTENTE_STREAMLIT - fautifs
    assert not ranges, f"déjà rangés, à retirer de EN_ATTENTE_STREAMLIT : {ranges}"


def test_le_controle_voit_un_import_de_streamlit(tmp_path):
    """The check itself: an import inside a function is found (a lazy import is still a dependency)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from streamlit.runtime import x\n    return x\n", encoding="utf-8")
    assert importe_streamlit(module)
    module.write_text("import altair as alt\n", encoding="utf-8")
    assert not importe_streamlit(module)


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_une_page_ne_fait_que_dessiner_en_peu_de_lignes(page):
    lignes = len(page.read_text(encoding="utf-8").splitlines())
    if page.name in EN_ATTENTE_PAGES:
        assert lignes > LIGNES_MAX_PAGE, f"{page.name} est court : à retirer de EN_ATTENTE_PAGES"
        pytest.xfail(f"{page.name} : {lignes} lignes, découpage en cours (issue 14)")
    assert lignes <= LIGNES_MAX_PAGE, f"{page.name} : {lignes} lignes (au plus {LIGNES_MAX_PAGE})"
