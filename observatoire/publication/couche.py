"""The stored layer: for a data version, a year and a threshold, every count shown per territory, already
protected by the reference mask, in one parquet file that every channel reads.

What is stored: one row per territory (region, departments, Missions Locales: columns `niveau`,
`departement`, `code`), one nullable integer column per count of the reference table of secrecy
(observatoire/secret/territoires.py: young people and their breakdowns, justice, GJ/CEJ entries and the
points of the CEJ series at month ends, employment and training, CEJ entrants); <NA> is a hidden cell.
The true value of a hidden cell is never written.

When: built the first time a channel asks for it after the data changed, and by `python -m observatoire
build` for the years present (so that a first page view does not wait); the file name carries a
fingerprint of the extract files and of the code and SQL that compute it, so a file is never out of date.
Files are written aside then renamed (two processes building the same file is harmless), beside the
derived tables (observatoire/derive.py)."""
from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from observatoire import config, db, derive, secret
from observatoire.secret import territoires as reference

IDENTITE = ["niveau", "departement", "code"]
_CODE = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _empreinte_du_code() -> str:
    """The SQL and the code that compute the layer (read once per process: code does not change under it)."""
    h = hashlib.sha256()
    for f in sorted([*config.QUERIES_DIR.rglob("*.sql"), *(_CODE / "secret").glob("*.py"),
                     *(_CODE / "publication").glob("*.py")]):
        h.update(f.read_bytes())
    return h.hexdigest()


def fichier(annee: int, seuil: int | None = None) -> Path:
    """The layer's file for `annee` at threshold `seuil`, built when missing."""
    return stockee("comptes", annee, seuil)


# Every table of the layer, by name: how it is built from (year, threshold). A module that needs a new stored
# table of figures registers it here (through `enregistrer`), so that it shares the fingerprint, the atomic
# write and the cleanup, and is built by `construire_tout`.
CONSTRUCTEURS: dict[str, Callable[[int, int], pd.DataFrame]] = {}


def enregistrer(nom: str):
    """Decorator: `fonction(annee, seuil) -> DataFrame` builds the layer's table `nom`."""
    def inscrire(fonction):
        CONSTRUCTEURS[nom] = fonction
        return fonction
    return inscrire


def stockee(nom: str, annee: int, seuil: int | None = None) -> Path:
    """The file of the layer's table `nom` for `annee` at threshold `seuil`, built when missing."""
    return _fichier(nom, db.version_donnees(), str(config.BUILD_DIR), int(annee), secret.seuil_actif(seuil))


def lire(nom: str, annee: int, seuil: int | None = None) -> pd.DataFrame:
    """The layer's table `nom` (a copy: callers may add columns)."""
    return _lire_table(str(stockee(nom, annee, seuil))).copy()


@lru_cache(maxsize=64)
def _lire_table(chemin: str) -> pd.DataFrame:
    return pd.read_parquet(chemin)


@lru_cache(maxsize=128)
def _fichier(nom: str, version: str, build_dir: str, annee: int, seuil: int) -> Path:
    empreinte = hashlib.sha256(f"{nom}|{version}|{annee}|{seuil}|{_empreinte_du_code()}".encode()).hexdigest()[:16]
    prefixe = "" if nom == "comptes" else f"{nom}-"
    cible = (derive.dossier(Path(build_dir)) / "publication"
             / f"{prefixe}annee={annee}-seuil={seuil}-{empreinte}.parquet")
    if not cible.exists():
        debut = time.perf_counter()
        _ecrire(CONSTRUCTEURS[nom](annee, seuil), cible)
        log.info("couche de publication « %s » %s (seuil %s) construite en %.1f s", nom, annee, seuil,
                 time.perf_counter() - debut)
        _nettoyer(cible)
    return cible


def _nettoyer(cible: Path) -> None:
    """Files of older data versions for the same year and threshold, once no connection can still be reading
    them (observatoire/derive.py's delay)."""
    limite = time.time() - derive.DELAI_SUPPRESSION_S
    prefixe = cible.name.rsplit("-", 1)[0]
    for ancien in cible.parent.glob(f"{prefixe}-*.parquet"):
        try:
            if ancien != cible and ancien.stat().st_mtime < limite:
                ancien.unlink()
        except OSError:
            pass


@enregistrer("comptes")
def _construire(annee: int, seuil: int) -> pd.DataFrame:
    table, _ = reference.comptes(annee)
    masque = reference.masque(annee, seuil).reindex(table["code"]).reset_index(drop=True)
    out = table[IDENTITE].copy()
    for col in masque.columns:
        out[col] = table[col].astype("Int64").mask(masque[col].to_numpy(dtype=bool))
    out["population_2017"] = _population(out)
    return out


def _population(t: pd.DataFrame) -> pd.Series:
    """INSEE 2017 municipal population of each territory (public: never hidden), the denominator of every rate
    per 1 000 inhabitants: one query for every channel (queries/territoire_population.sql)."""
    pop = {}
    for niveau in ("departement", "mission_locale"):
        p = db.requete("territoire_population", niveau=niveau)
        pop.update(dict(zip(p["code"], p["population_2017"])))
    return t["code"].map(pop).astype("Int64")


def _ecrire(df: pd.DataFrame, cible: Path) -> None:
    cible.parent.mkdir(parents=True, exist_ok=True)
    provisoire = cible.with_name(f".{cible.name}.{os.getpid()}.tmp")
    df.to_parquet(provisoire, index=False)
    os.replace(provisoire, cible)


@lru_cache(maxsize=16)
def _lire(chemin: str) -> pd.DataFrame:
    return pd.read_parquet(chemin).set_index("code", drop=False)


def chiffres(annee: int, seuil: int | None = None) -> pd.DataFrame:
    """Every protected count of `annee`, one row per territory (index and column `code`); <NA> = secret.
    A copy: callers may add columns."""
    return _lire(str(fichier(annee, seuil))).copy()


def _code(code: str) -> str:
    return config.REGION if str(code).lower() == config.REGION.lower() else str(code)


def valeur(annee: int, code: str, colonne: str):
    """One protected count: an int, or secret.SECRET."""
    t = _lire(str(fichier(annee)))
    col = reference.reference(colonne)
    if col not in t.columns:
        raise KeyError(f"« {colonne} » n'est pas un chiffre de la couche de publication")
    v = t.at[_code(code), col]
    return secret.SECRET if pd.isna(v) else int(v)


def jeunes_pour_1000_habitants(annee: int) -> pd.DataFrame:
    """The rate per 1 000 inhabitants of every territory: code, niveau, nb_jeunes, population_2017,
    jeunes_pour_1000_hab (NaN where the count is hidden: rate × population would give it back)."""
    t = chiffres(annee)[["code", "niveau", "departement", "nb_jeunes", "population_2017"]].reset_index(drop=True)
    t["jeunes_pour_1000_hab"] = (1000 * t["nb_jeunes"].astype("Float64")
                                 / t["population_2017"].astype("Float64")).astype(float)
    return t


def construire_tout(seuils: tuple[int, ...] | None = None) -> list[Path]:
    """The layer of every year of the extracts, at the configured threshold (or `seuils`)."""
    annees = db.requete("extraits_annees")["annee"].astype(int).tolist()
    return [stockee(nom, a, s) for nom in CONSTRUCTEURS for a in annees for s in (seuils or (secret.seuil_actif(),))]


# --- what a channel reads of one territory ------------------------------------------------------------------

# The extract tables whose provenance ('extraits' or 'démonstration') a channel says beside a figure.
TABLES_EXTRAITS = ("jeunes", "entrees_dispositif", "situations", "objectifs_cej")


@enregistrer("territoires")
def _construire_territoires(annee: int, seuil: int) -> pd.DataFrame:
    """Public attributes of every territory of the layer, none a count of young people: libelle,
    nb_missions_locales, the CEJ State objective (publication/cej.py's rule: a group's objective is known only
    when each of its Missions Locales' is), the provenance of each extract table for the year
    (`provenance_<table>`: 'extraits', 'démonstration', or None when the table has no row that year) and
    `provenance`, that of the key figures ('extraits' only when the young people and the entries, if any, come
    from imported extracts). The threshold changes nothing here; it is in the key so that this table shares
    the layer's fingerprint, write and cleanup."""
    from observatoire.publication import cej, perimetre, referentiel  # noqa: PLC0415  (both read this module)

    t = chiffres(annee, seuil)[IDENTITE].reset_index(drop=True)
    noms = referentiel.territoires().set_index("code")
    t["libelle"] = t["code"].map(noms["libelle"])
    t["nb_missions_locales"] = t["code"].map(noms["nb_missions_locales"]).astype("Int64")
    objectifs = pd.Series(dtype="float64")
    if {"entrees_dispositif", "objectifs_cej"} <= set(db.tables_disponibles()):
        objectifs = cej._objectifs(annee).set_index("code")["objectif_cej"]
    t["objectif_cej"] = pd.to_numeric(t["code"].map(objectifs), errors="coerce").astype("Int64")
    for table in TABLES_EXTRAITS:
        t[f"provenance_{table}"] = perimetre._provenance_brute(table, annee)
    reelles = (t["provenance_jeunes"] == "extraits") & t["provenance_entrees_dispositif"].isin(["extraits", None])
    t["provenance"] = reelles.map({True: "extraits", False: "démonstration"})
    return t


class Cellules(dict):
    """One territory's figures as a channel reads them: every count of the layer (an int, or secret.SECRET where
    hidden) under its reference column and under the names channels give it (ALIAS of secret/territoires.py:
    nb_sans_diplome, nb_sous_main_justice…), beside the public attributes of the table « territoires »
    (libelle, nb_missions_locales, objectif_cej or None, provenance…)."""

    def __missing__(self, cle: str):
        col = reference.reference(cle)
        if col != cle and col in self:
            return self[col]
        raise KeyError(cle)


def annees() -> list[int]:
    """The years of the extracts (latest first): the years the layer is built for."""
    return list(_annees(db.version_donnees()))


@lru_cache(maxsize=4)
def _annees(version: str) -> tuple[int, ...]:
    return tuple(int(a) for a in db.requete("extraits_annees")["annee"])


def territoire(annee: int, code: str) -> Cellules | None:
    """Every figure of territory `code` ('Normandie', '14', '14-CAE') in `annee`, protected; None when the
    extracts have no such year (the year before the first one: no change to give) or no such territory."""
    if int(annee) not in annees():
        return None
    cellules = _cellules(str(fichier(annee)), str(stockee("territoires", annee)))
    code = _code(code)
    return Cellules(cellules[code]) if code in cellules else None


@lru_cache(maxsize=16)
def _cellules(chemin_comptes: str, chemin_territoires: str) -> dict[str, dict]:
    """Each territory's figures as plain Python values, read once per pair of files (a channel asks for a
    territory many times a page)."""
    comptes = _lire(chemin_comptes)
    attributs = _lire_table(chemin_territoires).set_index("code")
    out = {}
    for code in comptes.index:
        d = {k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
             for k, v in attributs.loc[code].items()}
        for col, v in comptes.loc[code].items():
            if col not in IDENTITE and col != "population_2017":
                d[col] = secret.SECRET if pd.isna(v) else int(v)
        d.update(code=code, niveau=comptes.at[code, "niveau"], departement=comptes.at[code, "departement"])
        out[code] = d
    return out


def _cellule(t: pd.DataFrame, code: str, colonne: str):
    """One count of the layer's table `t` (a channel's name of it accepted): an int, or secret.SECRET."""
    v = t.at[_code(code), reference.reference(colonne)]
    return secret.SECRET if pd.isna(v) else int(v)


def part(annee: int, code: str, colonne: str, total: str = "nb_jeunes", code_total: str | None = None):
    """The share in % of count `colonne` of `code` in count `total` (of `code_total`, default the same
    territory): the one way a channel gets a share of two counts. secret.SECRET where either is hidden (the
    share and the other count would give it back), None where the total is 0."""
    t = _lire(str(fichier(annee)))
    return _part(_cellule(t, code, colonne), _cellule(t, code_total or code, total))


def _part(n, tot):
    if n == secret.SECRET or tot == secret.SECRET:
        return secret.SECRET
    return 100 * n / tot if tot else None


def parts(annee: int, code: str, dimension: str, ordre: tuple[str, ...] = ()) -> pd.DataFrame:
    """The shares of the categories of a breakdown of the young people (dimension 'niveau', 'sexe'…) in
    territory `code`: modalite, part_pct (a float, secret.SECRET where the category's count or the total is
    hidden, None where the total is 0); the categories of `ordre` first, then the others by name."""
    t = _lire(str(fichier(annee)))
    prefixe = f"nb_{dimension}_"
    rang = {m: i for i, m in enumerate(ordre)}
    modalites = sorted((c.removeprefix(prefixe) for c in t.columns if c.startswith(prefixe)),
                       key=lambda m: (rang.get(m, len(rang)), m))
    total = _cellule(t, code, "nb_jeunes")
    return pd.DataFrame({"modalite": modalites,
                         "part_pct": [_part(_cellule(t, code, prefixe + m), total) for m in modalites]})


def evolution(annee: int, code: str, colonne: str) -> float | None:
    """The change in % of a count from `annee` − 1 to `annee`, each year under its own mask; None where either
    count is hidden (the change and one of them would give the other back), where last year's is 0 or has no
    extracts, or where the two years do not compare (imported extracts against a demonstration year)."""
    from observatoire.publication import perimetre  # noqa: PLC0415  (it reads the queries: imported late)

    if int(annee) - 1 not in annees():
        return None
    actuel = _cellule(_lire(str(fichier(annee))), code, colonne)
    avant = _cellule(_lire(str(fichier(int(annee) - 1))), code, colonne)
    if actuel == secret.SECRET or avant in (secret.SECRET, 0) or not perimetre.evolution_comparable(annee):
        return None
    return 100 * (actuel - avant) / avant
