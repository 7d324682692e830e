"""The stored tables of the layer that are not counts per territory: what a page view used to recompute over the
extracts at each view (seconds at national scale) and now only reads, built once per data version, year and
threshold by observatoire/publication/couche.py (same fingerprint, atomic write, cleanup, `construire_tout`).

- `recalculs`: Sources & méthodes' recomputation of the report's regional figures (observatoire/recalculs.py);
  region-wide figures, not thresholded per territory, kept in files keyed like the others.
- `provenance`: where the rows of each extract table of the year come from (queries/provenance_des_extraits.sql).
- `cej_annee`: what the extracts say about the year itself (last entry of the region, provenances).
- `cej_objectifs`: the State objective of every territory, with its labels (a convention, not a count).
- `publics_grille`: the categories of each breakdown of the « Publics » page present in the year, with the
  provenance of the young people's rows; the counts themselves are the layer's protected cells.

This module is the only place besides observatoire/secret/ that runs these queries: a page view reads the files
(bench/queries.py times only the queries a page view runs)."""
from __future__ import annotations

import pandas as pd

from observatoire import config, db, modele, publies, secret
from observatoire.publication import couche
from observatoire.secret import territoires as reference


@couche.enregistrer("recalculs")
def _recalculs(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - region-wide: no threshold
    from observatoire import recalculs  # noqa: PLC0415 - recalculs reads this table back

    resultats: dict[str, pd.DataFrame] = {}  # one run per query, whatever the number of figures it gives
    lignes = []
    for id_, c in publies.recalculables().items():
        if c.requete not in resultats:
            resultats[c.requete] = db.requete(c.requete, annee=annee, codes_ml=list(modele.codes_ml()))
        lignes.append({"id": id_, "valeur": recalculs.extraire(resultats[c.requete], c)})
    return pd.DataFrame(lignes, columns=["id", "valeur"]).astype({"id": "str", "valeur": "float64"})


@couche.enregistrer("provenance")
def _provenance(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - a property of the extract files
    df = db.requete("provenance_des_extraits")
    return df[df["annee"] == int(annee)].reset_index(drop=True)


def _realisation(annee: int) -> pd.DataFrame:
    return db.requete("cej_realisation_par_territoire", annee=annee)


@couche.enregistrer("cej_annee")
def _cej_annee(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - region-wide facts, not counts
    t = _realisation(annee)
    toutes = t.loc[t["niveau"] == "mission_locale", "code"].tolist()
    r = db.requete("cej_objectif_atteint", annee=annee, codes_ml=toutes).iloc[0]
    prov = t["provenance"].dropna()
    return pd.DataFrame({
        "date_fin_extraits": [None if pd.isna(r["date_fin_extraits"]) else pd.Timestamp(r["date_fin_extraits"])],
        "provenance": [prov.iloc[0] if len(prov) else None],
        "provenance_objectif": [None if r["provenance_objectif"] is None or pd.isna(r["provenance_objectif"])
                                else r["provenance_objectif"]],
    }).astype({"date_fin_extraits": "datetime64[us]", "provenance": "object", "provenance_objectif": "object"})


@couche.enregistrer("cej_objectifs")
def _cej_objectifs(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - objectives are conventions
    return _realisation(annee)[["niveau", "code", "libelle", "libelle_court", "departement", "objectif_cej"]]


@couche.enregistrer("publics_grille")
def _publics_grille(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - categories, not counts
    # The region's rows of the page's own query: every category present that year, in the query's order, and
    # the provenance the chart's data carries (no count is kept: they are the layer's protected cells).
    df = db.requete("publics_repartitions", annee=annee, codes_ml=list(modele.codes_ml()))
    return df.loc[df["perimetre"] == "region", ["dimension", "modalite", "provenance"]].reset_index(drop=True)


SEPARATEUR = ","  # between the parts of an equation (column names never hold one)


@couche.enregistrer("equations")
def _equations(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - the table's, whatever the threshold
    # The equations of the reference table of secrecy: a channel checks that what a reader can subtract is one
    # of them (secret/territoires.verifier_equations) without building the table at a page view.
    _, equations = reference.comptes(annee)
    return pd.DataFrame({"total": [t for t, _ in equations],
                         "parties": [SEPARATEUR.join(p) for _, p in equations]}, columns=["total", "parties"])


def equations(annee: int) -> list[tuple[str, list[str]]]:
    """The equations (total, parts) of the reference table of `annee`, read from the layer."""
    t = couche.lire("equations", annee)
    return [(total, parties.split(SEPARATEUR)) for total, parties in zip(t["total"], t["parties"])]


@couche.enregistrer("emploi_territoires")
def _emploi_territoires(annee: int, seuil: int) -> pd.DataFrame:  # noqa: ARG001 - labels, not counts
    # The territories of the Emploi & formation page with their labels and the situations' provenance, in the
    # query's order; its counts are the layer's protected cells (couche.chiffres), not kept here.
    t = db.requete("emploi_formation_par_territoire", annee=annee)
    return t[["niveau", "code", "libelle", "libelle_court", "departement", "provenance"]]


@couche.enregistrer("debuts_mois")
def _debuts_mois(annee: int, seuil: int) -> pd.DataFrame:
    # The starts by month and type of every territory with their own joint mask (secret/territoires.py's
    # masque_mois) applied: <NA> is a hidden cell, whose true value is never written.
    table = reference.debuts_par_mois(annee)
    masque = reference.masque_mois(annee, seuil).reindex(table["code"]).reset_index(drop=True)
    out = table[couche.IDENTITE].copy()
    for col in masque.columns:
        out[col] = table[col].astype("Int64").mask(masque[col].to_numpy(dtype=bool))
    return out


def croisement_mois(annee: int, code: str) -> pd.DataFrame:
    """The monthly starts of territory `code` as secret/territoires.croisement_mois lays them (index: the months
    1 to 12 and "Total", name 'mois'; columns: the types and "Total"; counts or "secret"), read from the layer."""
    t = couche.lire("debuts_mois", annee).set_index("code")
    code = config.REGION if str(code).lower() == config.REGION.lower() else str(code)
    if code not in t.index:
        raise KeyError(f"territoire inconnu du masque des débuts par mois : {code}")
    ligne = t.loc[code]
    lignes, colonnes = [*reference.MOIS, secret.TOTAL], [*reference.TYPES_MOIS, secret.TOTAL]
    valeurs = [[secret.SECRET if pd.isna(v := ligne[reference.colonne_mois(c, mo)]) else int(v) for c in colonnes]
               for mo in lignes]
    return pd.DataFrame(valeurs, index=pd.Index(lignes, dtype=object, name="mois"), columns=colonnes, dtype=object)


def cellules(df: pd.DataFrame, annee: int, colonnes, code: str = "code") -> pd.DataFrame:
    """secret/territoires.cellules read from the layer: the cells to hide are those hidden in the layer (<NA>),
    and any count of 1 to N−1 whatever it is. A page view then neither builds the reference table nor solves its
    mask (seconds at national scale on a fresh process)."""
    return reference.cellules(df, annee, colonnes, code, masque_=couche.chiffres(annee).isna())
