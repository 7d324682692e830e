"""docs/IMPORT.md says exactly what the import knows: every header synonym, value synonym, yes/no
spelling, sheet name, kind of problem, option and command, no more and no less."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from observatoire import config, modele
from observatoire.ingest.colonnes import (FAUX, SYNONYMES_COLONNES, SYNONYMES_FEUILLES, SYNONYMES_VALEURS, VRAI,
                                          cle, colonne_du_modele)
from observatoire.ingest.lecture import MOTS_TOTAL
from observatoire.ingest.rapport import PROBLEMES

DOC = (config.ROOT / "docs" / "IMPORT.md").read_text(encoding="utf-8")


def section(titre: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    m = re.search(rf"^(#+) {re.escape(titre)}\s*$", DOC, re.MULTILINE)
    assert m, f"section « {titre} » absente de docs/IMPORT.md"
    niveau = len(m.group(1))
    suite = re.search(rf"^#{{1,{niveau}}} ", DOC[m.end():], re.MULTILINE)
    return DOC[m.end(): m.end() + suite.start() if suite else None]


def lignes_tableau(texte: str) -> list[list[str]]:
    lignes = []
    for ligne in texte.splitlines():
        if ligne.startswith("|") and not re.match(r"^\|[-| ]+\|$", ligne):
            lignes.append([c.strip() for c in ligne.strip("|").split(" | ")])
    return lignes[1:]    # without the header row


def guillemets(cellule: str) -> tuple[str, ...]:
    return tuple(re.findall(r"« (.+?) »", cellule))


def code(cellule: str) -> str:
    return "" if cellule == "(vide)" else cellule.strip("`")


def test_titres_de_colonnes_documentes_exactement():
    doc = {code(c): guillemets(s) for c, s in lignes_tableau(section("Titres de colonnes acceptés"))}
    assert doc == SYNONYMES_COLONNES


def test_valeurs_documentees_exactement():
    doc: dict[str, dict[str, tuple]] = {}
    for colonne, valeur, ecritures in lignes_tableau(section("Valeurs acceptées")):
        doc.setdefault(code(colonne), {})[code(valeur)] = guillemets(ecritures)
    assert doc == SYNONYMES_VALEURS


def test_oui_non_documentes_exactement():
    doc = {v: guillemets(e) for v, e in lignes_tableau(section("Oui / Non"))}
    assert doc == {"Oui": VRAI, "Non": FAUX}


def test_noms_de_feuilles_documentes_exactement():
    doc = {code(t): guillemets(n) for t, n in lignes_tableau(section("Noms de feuilles"))}
    assert doc == SYNONYMES_FEUILLES


def test_chaque_probleme_explique():
    doc = {titre: explication for titre, explication in lignes_tableau(section("5. Lire un message d'erreur"))}
    assert doc == {titre: explication for titre, explication in PROBLEMES.values()}


def test_mots_de_la_ligne_de_total_documentes():
    texte = section("Ce que l'import accepte")
    documentes = {cle(m) for m in re.findall(r"« (.+?) »", texte.split("**Ligne de total")[1].split("**Formules")[0])}
    assert MOTS_TOTAL <= documentes


@pytest.mark.parametrize("table", list(modele.TABLES))
def test_chaque_colonne_de_chaque_table_documentee(table):
    texte = section(f"Table `{table}`" + next(t for t in re.findall(rf"^### Table `{table}`(.*)$", DOC, re.MULTILINE)))
    documentees = set(re.findall(r"`([a-z_]+)`", " ".join(r[0] for r in lignes_tableau(texte))))
    assert documentees == set(modele.TABLES[table].noms) - {"provenance"}


def test_options_et_commandes_documentees():
    from observatoire import ingest

    for morceau in ("--dry-run", "--table", "--annee", 'make ingest FILES="', "make restore VERSION=",
                    "python -m observatoire versions", "data/sauvegardes/",
                    "data/extraits/<table>/annee=<année>.parquet",
                    "déjà importé, rien à faire"):
        assert morceau in DOC, morceau
    for valeur in (ingest.OK, ingest.REFUS, ingest.USAGE, ingest.OCCUPE, ingest.ECRITURE, ingest.INTERROMPU):
        assert f"`{valeur}`" in section("2. Les commandes")


def test_exemples_de_titres_du_texte_reconnus():
    # The doc's claim about tolerance, checked on its own examples.
    assert colonne_du_modele("TRANCHE AGE") == colonne_du_modele("tranche_age") == colonne_du_modele("Tranche d'âge")


# ---------------------------------------------------------------------------------------------------
# make ingest / make restore: offline once installed, the command's exit code visible.

MAKEFILE = (config.ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize("cible", ["ingest", "restore"])
def test_make_ingest_et_restore_ne_dependent_que_de_l_environnement_installe(cible):
    # Not `setup`: no Leaflet from a registry, no data build, on the machine of the person importing.
    prerequis = re.search(rf"^{cible}:(.*)$", MAKEFILE, re.MULTILINE).group(1).split()
    assert prerequis == ["$(VENV)/.installed"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make absent")
@pytest.mark.parametrize("arguments, code, attendu", [
    (["ingest", "FILES=absent.csv"], 1, "(code de sortie de l'import : 1)"),
    (["ingest", "FILES=absent.csv --force"], 2, "(code de sortie de l'import : 2)"),
    (["restore", "VERSION=2020-01-01_00-00-00"], 2, "(code de sortie de la restauration : 2)"),
])
def test_make_dit_le_code_de_sortie_de_la_commande(arguments, code, attendu, donnees, tmp_path):
    venv = tmp_path / "venv"          # an installed environment, as far as make can tell
    venv.mkdir()
    (venv / ".installed").touch()
    r = subprocess.run(["make", "--no-print-directory", "-C", str(config.ROOT), *arguments, f"VENV={venv}",
                        f"PY={sys.executable}"], env={**os.environ, "OBSERVATOIRE_DATA_DIR": str(donnees)},
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2     # make's own code for any failure: why the command's is printed
    assert attendu in r.stderr, r.stdout + r.stderr
    assert f"Error {code}" in r.stderr
    assert "pip install" not in r.stdout + r.stderr


def test_codes_de_sortie_de_make_et_import_interrompu_documentes():
    commandes = section("2. Les commandes")
    assert "(code de sortie de l'import : 1)" in commandes and "`make` lui-même se termine toujours par le code `2`" \
        in commandes.replace("\n", " ")
    assert "**relancez exactement la même commande**" in commandes
