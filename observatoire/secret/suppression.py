"""Statistical secrecy for every count computed from extracts (tables, charts, maps, exports).

Rule (engineering guide, section 4; INSEE's frequency rule, DGFiP's "no cell under 11"):
- primary suppression: a count of 1 to N−1 young people (N = config.SEUIL_SECRET, 11 by default,
  env OBSERVATOIRE_SEUIL_SECRET) is shown as "secret", never as a number and never as 0;
- a true 0 is shown: it says that nobody is in the cell, which reveals nothing about a person, and
  hiding it would hide the difference between "nobody" and "a few". (A 0 can never be used to
  recompute a hidden cell: the secondary suppression below prefers non-zero cells.)
- secondary suppression: wherever a total is shown or derivable (the sum of a line), a line must
  never hold exactly one hidden cell, and more generally no hidden cell may be determined by the
  linear system of the line totals (in a table with margins a hidden cell can be isolated by
  combining rows and columns even when every line holds two hidden cells): further cells, the
  smallest non-zero first, are hidden until every hidden cell is undetermined;
- a share computed from a hidden count is hidden too (share × total would give it back).

Interval disclosure (bounds from non-negativity) is not solved for here, as tau-ARGUS would: the audit of
everything the channels publish checks it (tests/test_secret_territoires.py, linear programming), at thresholds
11, 15, 60 and 200.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire import config, formats

SECRET = formats.SECRET
TOTAL = "Total"


def seuil_actif(seuil: int | None = None) -> int:
    return config.SEUIL_SECRET if seuil is None else int(seuil)


def est_primaire(n, seuil: int | None = None) -> bool:
    """A count of 1 to N−1: never shown."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return False
    return 0 < n < seuil_actif(seuil)


def compte(n, seuil: int | None = None):
    """A single count on its own (no total beside it): the count, or "secret"."""
    return SECRET if est_primaire(n, seuil) else n


def texte_compte(n, seuil: int | None = None) -> str:
    """A single count, formatted in French, or "secret"."""
    return SECRET if est_primaire(n, seuil) else formats.nombre(n)


def est_secret(x) -> bool:
    return isinstance(x, str) and x == SECRET


# --- the core: cells, lines (equations) and suppression --------------------------------------------

@dataclass(frozen=True)
class Ligne:
    """An equation a reader can write: sum of `cellules` = the cell `total` (or a total shown elsewhere, if None)."""
    cellules: tuple[int, ...]
    total: int | None = None

    @property
    def toutes(self) -> tuple[int, ...]:
        return self.cellules + (() if self.total is None else (self.total,))


def _matrice(lignes: Sequence[Ligne], n: int) -> np.ndarray:
    a = np.zeros((len(lignes), n))
    for i, ligne in enumerate(lignes):
        a[i, list(ligne.cellules)] = 1.0
        if ligne.total is not None:
            a[i, ligne.total] = -1.0
    return a


def cellules_determinees(masque: np.ndarray, lignes: Sequence[Ligne]) -> list[int]:
    """Hidden cells whose value the line equations give back exactly (whatever the shown values).

    The hidden values x_h satisfy A_h x_h = (known); x_k is determined iff every vector of the null
    space of A_h has a zero k-th component.
    """
    caches = np.flatnonzero(masque)
    if caches.size == 0 or not lignes:
        return []
    a = _matrice(lignes, masque.size)[:, caches]
    a = a[np.any(a != 0, axis=1)]
    if a.shape[0] == 0:
        return []
    _, s, vt = np.linalg.svd(a)
    rang = int(np.sum(s > 1e-9))
    noyau = vt[rang:]
    if noyau.shape[0] == 0:
        return [int(c) for c in caches]
    libres = np.linalg.norm(noyau, axis=0) > 1e-9
    return [int(c) for c, libre in zip(caches, libres) if not libre]


def _candidats(valeurs: np.ndarray, masque: np.ndarray, ligne: Ligne, proteges: set[int],
               connus: set[int] = frozenset()) -> list[int]:
    """Cells of a line that may be hidden as complements: inner cells before totals, non-zero before
    zero (a hidden 0 beside a hidden k lets a reader bound k by the line total), smallest first; never a
    cell shown elsewhere (`connus`: hiding it here would protect nothing)."""
    libres = [c for c in ligne.toutes if not masque[c] and not math.isnan(valeurs[c]) and c not in connus]
    return sorted(libres, key=lambda c: (c in proteges, valeurs[c] == 0, valeurs[c], c))


def _composantes(n: int, lignes: Sequence[Ligne]) -> list[list[int]]:
    """Groups of lines that share no cell with another group (union-find over the cells): independent
    problems, each solved on its own (a few small SVDs instead of one large one at each step)."""
    parent = list(range(n))

    def racine(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for ligne in lignes:
        cellules = ligne.toutes
        for c in cellules[1:]:
            a, b = racine(cellules[0]), racine(c)
            if a != b:
                parent[b] = a
    groupes: dict[int, list[int]] = {}
    for k, ligne in enumerate(lignes):
        if ligne.toutes:
            groupes.setdefault(racine(ligne.toutes[0]), []).append(k)
    return list(groupes.values())


def supprimer(valeurs: Sequence[float], lignes: Sequence[Ligne], seuil: int | None = None,
              totaux: Iterable[int] = (), caches: Iterable[int] = (), connus: Iterable[int] = ()) -> np.ndarray:
    """Primary then secondary suppression over cells `valeurs` linked by `lignes`; returns the mask.
    `totaux`: cells hidden as complements only when nothing else will do; `caches`: cells hidden anyway
    (hidden elsewhere, e.g. by the reference mask of observatoire/secret/territoires.py); `connus`: cells
    shown elsewhere, never chosen as complements.
    Lines sharing no cell are independent problems: each group is solved apart (the same cells are hidden,
    except that a last-resort complement is taken within the group)."""
    seuil = seuil_actif(seuil)
    v = np.asarray(valeurs, dtype=float)
    masque = np.array([est_primaire(x, seuil) for x in v], dtype=bool)
    masque[list(caches)] = True
    proteges = set(totaux)
    connus = set(connus) - set(np.flatnonzero(masque).tolist())
    groupes = _composantes(v.size, lignes)
    if len(groupes) > 1:
        for groupe in groupes:
            cellules = sorted({c for k in groupe for c in lignes[k].toutes})
            local = {c: i for i, c in enumerate(cellules)}
            sous_lignes = [Ligne(tuple(local[c] for c in lignes[k].cellules),
                                 None if lignes[k].total is None else local[lignes[k].total]) for k in groupe]
            sous = _supprimer(v[cellules], masque[cellules], sous_lignes, {local[c] for c in proteges if c in local},
                              {local[c] for c in connus if c in local})
            masque[cellules] = sous
        return masque
    return _supprimer(v, masque, lignes, proteges, connus)


def _supprimer(v: np.ndarray, masque: np.ndarray, lignes: Sequence[Ligne], proteges: set[int],
               connus: set[int] = frozenset()) -> np.ndarray:
    masque = masque.copy()
    while True:
        # Cheap pass first: a line with exactly one hidden cell gives it back at once.
        change = False
        for ligne in lignes:
            caches = [c for c in ligne.toutes if masque[c]]
            if len(caches) == 1:
                candidats = _candidats(v, masque, ligne, proteges, connus)
                if candidats:
                    masque[candidats[0]] = True
                    change = True
        if change:
            continue
        # Then the general case: combinations of lines.
        determinees = cellules_determinees(masque, lignes)
        if not determinees:
            return masque
        cible = determinees[0]
        voisines = [c for ligne in lignes if cible in ligne.toutes
                    for c in _candidats(v, masque, ligne, proteges, connus)]
        voisines = sorted(set(voisines), key=lambda c: (c in proteges, v[c] == 0, v[c], c))
        if not voisines:  # every cell of its lines is hidden already: hide any other candidate
            voisines = [c for c in range(v.size) if not masque[c] and c not in connus]
            if not voisines:
                return masque
        # Prefer a complement that frees the target; otherwise hide the smallest and look again.
        for c in voisines:
            essai = masque.copy()
            essai[c] = True
            if cible not in cellules_determinees(essai, lignes):
                masque = essai
                break
        else:
            masque[voisines[0]] = True


# --- adapters for DataFrames ----------------------------------------------------------------------

def _lignes_par_groupes(df: pd.DataFrame, groupes) -> list[Ligne]:
    """Row groups whose sum is shown or derivable; `groupes` is a list of column names (one kind of
    line) or a list of such lists (several kinds, e.g. [["code_ml"], ["sexe"]] for a crossing)."""
    if not groupes:
        return []
    if isinstance(groupes[0], str):
        groupes = [groupes]
    lignes = []
    positions = pd.RangeIndex(len(df))
    for cles in groupes:
        for _, idx in pd.Series(positions, index=df.index).groupby(
                [df[c].to_numpy() for c in cles], dropna=False, sort=False):
            lignes.append(Ligne(tuple(int(i) for i in idx.to_numpy())))
    return lignes


def cellules_secretes(df: pd.DataFrame, colonnes: Sequence[str], seuil: int | None = None,
                      groupes=None) -> pd.DataFrame:
    """Boolean mask (same index, one column per count column) of the cells to hide."""
    lignes = _lignes_par_groupes(df, groupes)
    masque = {}
    for col in colonnes:
        valeurs = pd.to_numeric(df[col], errors="coerce").astype(float).to_numpy()
        masque[col] = supprimer(valeurs, lignes, seuil)
    return pd.DataFrame(masque, index=df.index)


def _parts_par_defaut(df: pd.DataFrame, colonnes: Sequence[str]) -> list[str]:
    return [c for c in df.columns if c.endswith("_pct") and c not in colonnes]


def masquer(df: pd.DataFrame, colonnes: Sequence[str], seuil: int | None = None, groupes=None,
            parts: Sequence[str] | None = None) -> pd.DataFrame:
    """Copy of `df` where hidden counts (and the shares of a hidden row) read "secret".

    `colonnes`: count columns; `groupes`: the lines whose total is shown or derivable (see
    `_lignes_par_groupes`); `parts`: share columns hidden wherever a count of the row is hidden
    (default: every column ending in `_pct`).
    """
    masque = cellules_secretes(df, colonnes, seuil, groupes)
    parts = _parts_par_defaut(df, colonnes) if parts is None else list(parts)
    out = df.copy()
    ligne_cachee = masque.any(axis=1)
    for col in colonnes:
        out[col] = out[col].astype(object).where(~masque[col], SECRET)
    for col in parts:
        out[col] = out[col].astype(object).where(~ligne_cachee, SECRET)
    return out


def masquer_pour_graphique(df: pd.DataFrame, colonnes: Sequence[str], seuil: int | None = None, groupes=None,
                           parts: Sequence[str] | None = None) -> pd.DataFrame:
    """Copy for a chart: hidden counts and shares become NaN (nothing drawn) and a boolean column
    `secret` marks the rows concerned, so that the chart can say "secret" instead of a bar."""
    masque = cellules_secretes(df, colonnes, seuil, groupes)
    parts = _parts_par_defaut(df, colonnes) if parts is None else list(parts)
    out = df.copy()
    ligne_cachee = masque.any(axis=1)
    for col in colonnes:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float).where(~masque[col])
    for col in parts:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float).where(~ligne_cachee)
    out["secret"] = ligne_cachee.to_numpy()
    return out


def croisement(df: pd.DataFrame, lignes: str, colonnes: str, valeur: str, seuil: int | None = None,
               totaux: bool = True, caches: Iterable[tuple] = (), connus: Iterable[tuple] = ()) -> pd.DataFrame:
    """The common "territory × category" table: counts pivoted, with row and column totals (a "Total"
    row and column), primary and secondary suppression across rows, columns and totals.
    `caches` / `connus`: cells (row label, column label) hidden / shown elsewhere (see `supprimer`), e.g.
    a total that the reference mask of the territories hides or shows.

    Returns a DataFrame of ints and "secret" strings, index = `lignes` values (+ "Total")."""
    large = df.pivot_table(index=lignes, columns=colonnes, values=valeur, aggfunc="sum", fill_value=0,
                           sort=False, observed=True)
    if totaux:
        large[TOTAL] = large.sum(axis=1)
        large.loc[TOTAL] = large.sum(axis=0)
    nr, nc = large.shape
    valeurs = large.to_numpy(dtype=float).ravel()

    def pos(i, j):
        return i * nc + j

    lignes_eq: list[Ligne] = []
    cases_totaux: list[int] = []
    if totaux:
        for i in range(nr):
            lignes_eq.append(Ligne(tuple(pos(i, j) for j in range(nc - 1)), pos(i, nc - 1)))
        for j in range(nc):
            lignes_eq.append(Ligne(tuple(pos(i, j) for i in range(nr - 1)), pos(nr - 1, j)))
        cases_totaux = [pos(i, nc - 1) for i in range(nr)] + [pos(nr - 1, j) for j in range(nc)]
    def positions(cases):
        return [pos(large.index.get_loc(i), large.columns.get_loc(j)) for i, j in cases
                if i in large.index and j in large.columns]

    masque = supprimer(valeurs, lignes_eq, seuil, totaux=cases_totaux, caches=positions(caches),
                       connus=positions(connus)).reshape(nr, nc)
    out = large.astype(object)
    out[:] = np.where(masque, SECRET, large.to_numpy().astype(object))
    out.columns.name = None
    return out


def formater(x) -> str:
    """A count or "secret", as text for a table cell."""
    return x if est_secret(x) else formats.nombre(x)


# --- territories nested in one another: Missions Locales, departments, region ------------------------

def masque_territoires(df: pd.DataFrame, comptes: Sequence[str],
                        partitions: Sequence[tuple[str, Sequence[str]]] = (), seuil: int | None = None,
                        caches: pd.DataFrame | None = None, connus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cells to hide among the counts `comptes` of a frame with one row per territory (column `niveau`:
    'region', 'departement', 'mission_locale'; column `departement`).

    The equations a reader can write are: region = sum of its departments, department = sum of its Missions
    Locales (for each count column), and for each (total, parts) of `partitions`, total = sum of parts on each
    row. Primary then secondary suppression over all of them; totals are hidden as complements only when
    nothing else will do. So the same cells are hidden whatever territory a page shows, and a hidden Mission
    Locale cannot be recovered from its department shown on another chart or page.
    `caches` / `connus`: boolean frames (same index as `df`, some of the columns `comptes`) of the cells hidden /
    shown elsewhere (see `supprimer`), e.g. by the reference mask of observatoire/secret/territoires.py."""
    n_lignes, colonnes = len(df), list(comptes)
    index_col = {c: j for j, c in enumerate(colonnes)}

    def cellule(i: int, col: str) -> int:
        return i * len(colonnes) + index_col[col]

    niveaux = df["niveau"].to_numpy()
    deps = df["departement"].to_numpy()
    region = [i for i in range(n_lignes) if niveaux[i] == "region"]
    dep_lignes = [i for i in range(n_lignes) if niveaux[i] == "departement"]
    lignes: list[Ligne] = []
    totaux: set[int] = set()
    for col in colonnes:
        if region and dep_lignes:
            lignes.append(Ligne(tuple(cellule(i, col) for i in dep_lignes), cellule(region[0], col)))
            totaux.add(cellule(region[0], col))
        for d in dep_lignes:
            mls = [i for i in range(n_lignes) if niveaux[i] == "mission_locale" and deps[i] == deps[d]]
            if mls:
                lignes.append(Ligne(tuple(cellule(i, col) for i in mls), cellule(d, col)))
                totaux.add(cellule(d, col))
    for total, parties in partitions:
        for i in range(n_lignes):
            lignes.append(Ligne(tuple(cellule(i, p) for p in parties), cellule(i, total)))
            totaux.add(cellule(i, total))
    def cases(cadre: pd.DataFrame | None) -> list[int]:
        if cadre is None:
            return []
        cadre = cadre.reset_index(drop=True)
        return [cellule(i, col) for col in cadre.columns if col in index_col
                for i in np.flatnonzero(cadre[col].to_numpy(dtype=bool))]

    valeurs = df[colonnes].to_numpy(dtype=float).ravel()
    masque = supprimer(valeurs, lignes, seuil, totaux=totaux, caches=cases(caches),
                       connus=cases(connus)).reshape(n_lignes, len(colonnes))
    return pd.DataFrame(masque, index=df.index, columns=colonnes)


def appliquer_masque(df: pd.DataFrame, masque: pd.DataFrame, parts: dict[str, list[str]] | None = None,
                     pour_graphique: bool = False) -> pd.DataFrame:
    """`df` with the hidden counts replaced by "secret" (or NaN for a chart, with a column `secret`).
    `parts`: {share column: the count columns it is computed from} — hidden if any of them is."""
    out = df.reset_index(drop=True).copy()
    masque = masque.reset_index(drop=True)
    for col in masque.columns:
        if pour_graphique:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float).where(~masque[col])
        else:
            out[col] = out[col].astype(object).where(~masque[col], SECRET)
    for part, sources in (parts or {}).items():
        cache = masque[[c for c in sources if c in masque.columns]].any(axis=1)
        if pour_graphique:
            out[part] = pd.to_numeric(out[part], errors="coerce").astype(float).where(~cache)
        else:
            out[part] = out[part].astype(object).where(~cache, SECRET)
    if pour_graphique:
        out["secret"] = masque.any(axis=1).to_numpy()
    return out


def seuil_texte() -> str:
    return f"moins de {seuil_actif()} jeunes"
