"""Statistical secrecy: no count of 1..N−1 is ever shown, and no hidden cell can be recomputed from totals."""
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from observatoire import config, secret
from observatoire.secret import suppression

SEUIL = 11


def _tableau_aleatoire(rng: np.random.Generator) -> pd.DataFrame:
    """A territory × category count table with many small cells, as small territories give."""
    nr, nc = rng.integers(2, 7), rng.integers(2, 6)
    petits = rng.integers(0, SEUIL, size=(nr, nc))
    grands = rng.integers(SEUIL, 400, size=(nr, nc))
    valeurs = np.where(rng.random((nr, nc)) < 0.3, petits, grands)
    return pd.DataFrame([{"territoire": f"T{i}", "categorie": f"C{j}", "nb_jeunes": int(valeurs[i, j])}
                         for i in range(nr) for j in range(nc)])


def _lignes_du_tableau(nr: int, nc: int) -> list[list[tuple[int, int]]]:
    """Each row and each column of a table with margins (last row / column = totals): a reader knows
    that the cells of a line add up to its total."""
    return [[(i, j) for j in range(nc)] for i in range(nr)] + [[(i, j) for i in range(nr)] for j in range(nc)]


def _determinee(cachees: list[tuple[int, int]], nr: int, nc: int, cible: tuple[int, int]) -> bool:
    """Independent check by rank: the hidden cell `cible` is recomputable from the line equations
    iff its unit vector lies in the row space of the equations restricted to the hidden cells."""
    index = {c: k for k, c in enumerate(cachees)}
    equations = []
    for ligne in _lignes_du_tableau(nr, nc):
        eq = np.zeros(len(cachees))
        total = ligne[-1]
        for cell in ligne[:-1]:
            if cell in index:
                eq[index[cell]] += 1
        if total in index:
            eq[index[total]] -= 1
        if eq.any():
            equations.append(eq)
    if not equations:
        return False
    a = np.array(equations)
    e = np.zeros(len(cachees))
    e[index[cible]] = 1
    return np.linalg.matrix_rank(np.vstack([a, e])) == np.linalg.matrix_rank(a)


def test_compte_isole():
    assert [secret.compte(n, SEUIL) for n in (0, 1, 5, 10, 11, 250)] == [0, "secret", "secret", "secret", 11, 250]
    assert secret.texte_compte(50687, SEUIL) == "50\u202f687"
    assert secret.texte_compte(3, SEUIL) == "secret"
    assert secret.texte_compte(0, SEUIL) == "0"


def test_seuil_configurable(monkeypatch):
    assert secret.compte(7, 5) == 7
    monkeypatch.setattr(config, "SEUIL_SECRET", 5)
    assert secret.compte(4) == "secret" and secret.compte(5) == 5
    out = subprocess.run([sys.executable, "-c", "from observatoire import config; print(config.SEUIL_SECRET)"],
                         env={**os.environ, "OBSERVATOIRE_SEUIL_SECRET": "20"}, capture_output=True, text=True,
                         cwd=config.ROOT, check=True)
    assert out.stdout.strip() == "20"


def test_exemple_calcule_a_la_main():
    df = pd.DataFrame({"t": ["a"] * 3 + ["b"] * 3, "m": ["x", "y", "z"] * 2, "n": [3, 20, 30, 15, 40, 50]})
    tab = secret.croisement(df, "t", "m", "n", SEUIL)
    # 3 is primary; its row and its column each need a second hidden cell (20 and 15, the smallest),
    # then row b and column y hold one hidden cell each, so 40 goes too: a 2×2 cycle nobody can solve.
    assert tab.loc["a"].tolist() == ["secret", "secret", 30, 53]
    assert tab.loc["b"].tolist() == ["secret", "secret", 50, 105]
    assert tab.loc["Total"].tolist() == [18, 60, 80, 158]


def test_zero_reste_affiche_et_n_est_pas_complement():
    df = pd.DataFrame({"t": ["a"] * 4, "m": list("wxyz"), "n": [0, 4, 0, 90]})
    out = secret.masquer(df, ["n"], SEUIL, groupes=["t"])
    # 4 hidden; the complement is 90 (a hidden 0 would give 4 back from the total)
    assert out["n"].tolist() == [0, "secret", 0, "secret"]


def test_parts_suivent_les_comptes():
    df = pd.DataFrame({"perimetre": ["ML"] * 3 + ["Normandie"] * 3, "modalite": list("abc") * 2,
                       "nb_jeunes": [5, 120, 300, 5000, 20000, 25687],
                       "part_pct": [1.2, 28.2, 70.6, 9.9, 39.5, 50.7]})
    out = secret.masquer(df, ["nb_jeunes"], SEUIL, groupes=["perimetre"])
    assert out["nb_jeunes"].tolist() == ["secret", "secret", 300, 5000, 20000, 25687]
    assert out["part_pct"].tolist() == ["secret", "secret", 70.6, 9.9, 39.5, 50.7]
    graph = secret.masquer_pour_graphique(df, ["nb_jeunes"], SEUIL, groupes=["perimetre"])
    assert graph["nb_jeunes"].isna().tolist() == [True, True, False, False, False, False]
    assert graph["secret"].tolist() == [True, True, False, False, False, False]


def test_pont_entre_deux_blocs_est_protege():
    """Every line holds two hidden cells, yet a cell linking two hidden blocks can be recomputed by
    combining rows and columns: the suppression must see it."""
    n = np.full((4, 4), 200)
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)]:
        n[i, j] = 3
    df = pd.DataFrame([{"t": f"T{i}", "c": f"C{j}", "n": int(n[i, j])} for i in range(4) for j in range(4)])
    tab = secret.croisement(df, "t", "c", "n", SEUIL)
    cachees = [(i, j) for i in range(5) for j in range(5) if tab.iat[i, j] == "secret"]
    assert (0, 2) in cachees
    assert not any(_determinee(cachees, 5, 5, c) for c in cachees)


@pytest.mark.parametrize("graine", range(4))
def test_tableaux_aleatoires(graine):
    rng = np.random.default_rng(20220 + graine)
    for _ in range(40):
        df = _tableau_aleatoire(rng)
        tab = secret.croisement(df, "territoire", "categorie", "nb_jeunes", SEUIL)
        nr, nc = tab.shape
        vraies = df.pivot_table(index="territoire", columns="categorie", values="nb_jeunes", aggfunc="sum",
                                sort=False).to_numpy()
        cachees = [(i, j) for i in range(nr) for j in range(nc) if tab.iat[i, j] == "secret"]
        # 1. nothing shown in 1..N-1, and shown cells are the true values
        for i in range(nr):
            for j in range(nc):
                v = tab.iat[i, j]
                if v != "secret":
                    assert not 0 < v < SEUIL
                    if i < nr - 1 and j < nc - 1:
                        assert v == vraies[i, j]
        # 2. every line (row or column, with its shown or hidden total) holds 0 or at least 2 hidden cells
        for ligne in _lignes_du_tableau(nr, nc):
            assert sum(c in cachees for c in ligne) != 1
        # 3. no hidden cell is recomputable from any combination of the totals
        for c in cachees:
            assert not _determinee(cachees, nr, nc, c), (df, tab, c)


@pytest.mark.parametrize("graine", range(3))
def test_format_long_aleatoire(graine):
    """Long tables (one row per territory and category, a derivable total per territory)."""
    rng = np.random.default_rng(7 + graine)
    for _ in range(50):
        df = _tableau_aleatoire(rng)
        out = secret.masquer(df, ["nb_jeunes"], SEUIL, groupes=["territoire"])
        for _, g in out.groupby("territoire"):
            montres = [v for v in g["nb_jeunes"] if v != "secret"]
            assert not any(0 < v < SEUIL for v in montres)
            assert (g["nb_jeunes"] == "secret").sum() != 1


@pytest.mark.parametrize("graine", range(3))
def test_groupes_independants_resolus_a_part_donnent_les_memes_cases(graine):
    """Two tables side by side share no equation: solving them together or apart hides the same cells."""
    rng = np.random.default_rng(3100 + graine)
    for _ in range(20):
        a, b = (_tableau_aleatoire(rng) for _ in range(2))
        ensemble = pd.concat([a, b.assign(territoire="B" + b["territoire"])], ignore_index=True)
        lignes_a = suppression._lignes_par_groupes(a, [["territoire"], ["categorie"]])
        lignes_b = suppression._lignes_par_groupes(b, [["territoire"], ["categorie"]])
        decale = [secret.Ligne(tuple(c + len(a) for c in li.cellules)) for li in lignes_b]
        tout = secret.supprimer(ensemble["nb_jeunes"], lignes_a + decale, SEUIL)
        assert tout[:len(a)].tolist() == secret.supprimer(a["nb_jeunes"], lignes_a, SEUIL).tolist()
        assert tout[len(a):].tolist() == secret.supprimer(b["nb_jeunes"], lignes_b, SEUIL).tolist()


def test_cases_cachees_ou_montrees_ailleurs():
    """A total hidden elsewhere is hidden here, with what protects it; a total shown elsewhere is never a
    complement here."""
    df = pd.DataFrame({"t": ["a"] * 3 + ["b"] * 3, "m": ["x", "y", "z"] * 2, "n": [30, 20, 40, 15, 45, 50]})
    tab = secret.croisement(df, "t", "m", "n", SEUIL, caches={(secret.TOTAL, "x")})
    assert tab.at[secret.TOTAL, "x"] == "secret"
    assert (tab.loc[secret.TOTAL] == "secret").sum() >= 2 and (tab["x"] == "secret").sum() >= 2
    df = pd.DataFrame({"t": ["a"] * 3 + ["b"] * 3, "m": ["x", "y", "z"] * 2, "n": [3, 200, 300, 400, 500, 15]})
    libre = secret.croisement(df, "t", "m", "n", SEUIL)
    assert libre.at["b", "x"] == "secret"  # the smallest complement of 3 in its column
    connu = secret.croisement(df, "t", "m", "n", SEUIL, connus={("b", "x")})
    assert connu.at["b", "x"] == 400 and connu.at["a", "x"] == "secret"
    cachees = [(i, j) for i in range(3) for j in range(4) if connu.iat[i, j] == "secret"]
    assert not any(_determinee(cachees, 3, 4, c) for c in cachees)
