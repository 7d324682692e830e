"""The published figures the extracts can give back, and how: the same table serves the consistency test
(tests/test_demo.py: the demonstration reproduces each of them exactly) and the page that sets each
published figure beside its recomputation on the extracts of the report's year (Sources & méthodes), so
that after a real import the board sees at once where the imported data and the report differ."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from observatoire import formats, publies, secret
from observatoire.publication import couche, stockees  # noqa: F401 - stockees registers the table read here

CHIFFRES = "chiffres_regionaux_extraits"
REGION = {"perimetre": "region"}

# Published id -> how the app's queries give it back over the extracts of the id's year:
# (query, row filter, column). Params: annee = the id's year, codes_ml = the 24 Missions Locales.
REPRODUITS: dict[str, tuple[str, dict, str]] = {
    "jeunes_accompagnes": ("publics_effectifs", REGION, "nb_jeunes"),
    "jeunes_accompagnes_2021": ("publics_effectifs", REGION, "nb_jeunes"),
    "premiers_accueils": ("publics_effectifs", REGION, "nb_premiers_accueils"),
    "premiers_accueils_2021": ("publics_effectifs", REGION, "nb_premiers_accueils"),
    "premiers_accueils_part": (CHIFFRES, {"mesure": "premiers_accueils_part_pct"}, "valeur"),
    "publics_part_age_16_17": ("publics_repartitions", {**REGION, "dimension": "tranche_age", "modalite": "16-17"}, "part_pct"),
    "publics_part_age_18_20": ("publics_repartitions", {**REGION, "dimension": "tranche_age", "modalite": "18-20"}, "part_pct"),
    "publics_part_age_21_23": ("publics_repartitions", {**REGION, "dimension": "tranche_age", "modalite": "21-23"}, "part_pct"),
    "publics_part_age_24_plus": ("publics_repartitions", {**REGION, "dimension": "tranche_age", "modalite": "24+"}, "part_pct"),
    "publics_nb_sans_diplome": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "sans_diplome"}, "nb_jeunes"),
    "publics_part_sans_diplome": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "sans_diplome"}, "part_pct"),
    "publics_part_cap_bep": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "cap_bep"}, "part_pct"),
    "publics_nb_bac": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "bac"}, "nb_jeunes"),
    "publics_part_bac": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "bac"}, "part_pct"),
    "publics_part_diplome_superieur": ("publics_repartitions", {**REGION, "dimension": "niveau", "modalite": "superieur"}, "part_pct"),
    # Pairing of 46,9 / 53,1 with women / men is uncertain in the report: we reproduce the pairing chosen.
    "publics_part_femmes": ("publics_repartitions", {**REGION, "dimension": "sexe", "modalite": "F"}, "part_pct"),
    "publics_part_hommes": ("publics_repartitions", {**REGION, "dimension": "sexe", "modalite": "H"}, "part_pct"),
    "publics_part_qpv": ("publics_repartitions", {**REGION, "dimension": "qpv", "modalite": "oui"}, "part_pct"),
    "publics_part_zrr": ("publics_repartitions", {**REGION, "dimension": "zrr", "modalite": "oui"}, "part_pct"),
    "handicap_part_rqth": ("publics_repartitions", {**REGION, "dimension": "rqth", "modalite": "oui"}, "part_pct"),
    "handicap_part_rqth_2021": ("publics_repartitions", {**REGION, "dimension": "rqth", "modalite": "oui"}, "part_pct"),
    "handicap_rqth_nb_estime": ("publics_repartitions", {**REGION, "dimension": "rqth", "modalite": "oui"}, "nb_jeunes"),
    "logement_autonome": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "autonome"}, "nb_jeunes"),
    "logement_autonome_part": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "autonome"}, "part_pct"),
    "logement_parents_famille": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "parents_famille"}, "nb_jeunes"),
    "logement_parents_famille_part": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "parents_famille"}, "part_pct"),
    "logement_precaire": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "precaire"}, "nb_jeunes"),
    "logement_precaire_part": ("publics_repartitions", {**REGION, "dimension": "logement", "modalite": "precaire"}, "part_pct"),
    "justice_jeunes": (CHIFFRES, {"mesure": "justice"}, "valeur"),
    "justice_part_non_diplomes": (CHIFFRES, {"mesure": "justice_sans_diplome_part_pct"}, "valeur"),
    "justice_part_mineurs": (CHIFFRES, {"mesure": "justice_mineurs_part_pct"}, "valeur"),
    "cej_entrees_gj": (CHIFFRES, {"mesure": "entrees_gj"}, "valeur"),
    "cej_entrees_cej": (CHIFFRES, {"mesure": "entrees_cej"}, "valeur"),
    "cej_entrees_total": (CHIFFRES, {"mesure": "entrees_gj_cej"}, "valeur"),
    "cej_objectif": (CHIFFRES, {"mesure": "objectif_cej"}, "valeur"),
    "cej_taux_realisation": (CHIFFRES, {"mesure": "realisation_objectif_pct"}, "valeur"),
    "cej_part_femmes": (CHIFFRES, {"mesure": "entrants_femmes_part_pct"}, "valeur"),
    "cej_part_hommes": (CHIFFRES, {"mesure": "entrants_hommes_part_pct"}, "valeur"),
    "cej_part_qpv": (CHIFFRES, {"mesure": "entrants_qpv_part_pct"}, "valeur"),
    # « 18 % des jeunes ont fait ou sont en formation » (CEJ section), read as the year's entrants.
    "cej_part_formation": (CHIFFRES, {"mesure": "entrants_en_formation_part_pct"}, "valeur"),
    "emploi_observatoire_jeunes_entres_emploi": (CHIFFRES, {"mesure": "emploi_jeunes"}, "valeur"),
    "emploi_jeunes_entres_entreprise": (CHIFFRES, {"mesure": "emploi_jeunes"}, "valeur"),
    "emploi_observatoire_contrats_hors_alternance": (CHIFFRES, {"mesure": "emploi_contrats"}, "valeur"),
    "emploi_part_interim": (CHIFFRES, {"mesure": "emploi_interim_part_pct"}, "valeur"),
    "emploi_observatoire_jeunes_alternance": (CHIFFRES, {"mesure": "alternance_jeunes"}, "valeur"),
    "formation_observatoire_jeunes": (CHIFFRES, {"mesure": "formation_jeunes"}, "valeur"),
    "formation_jeunes": (CHIFFRES, {"mesure": "formation_jeunes"}, "valeur"),
    "formation_observatoire_actions": (CHIFFRES, {"mesure": "formation_actions"}, "valeur"),
    "formation_actions": (CHIFFRES, {"mesure": "formation_actions"}, "valeur"),
    "formation_financees_region": (CHIFFRES, {"mesure": "formation_region"}, "valeur"),
    "formation_part_financees_region": (CHIFFRES, {"mesure": "formation_region_part_pct"}, "valeur"),
    "formation_part_qpv": (CHIFFRES, {"mesure": "formation_qpv_part_pct"}, "valeur"),
    "formation_part_zrr": (CHIFFRES, {"mesure": "formation_zrr_part_pct"}, "valeur"),
    "formation_part_rqth": (CHIFFRES, {"mesure": "formation_rqth_part_pct"}, "valeur"),
    "formation_part_niveau5_infra": (CHIFFRES, {"mesure": "formation_sans_diplome_part_pct"}, "valeur"),
}



def valeur_recalculee(id_: str, annee: int) -> float | None:
    """The published figure `id_` recomputed by the app's own query over the extracts of `annee`: read from the
    publication layer, where it is computed once per data version (observatoire/publication/stockees.py)."""
    t = couche.lire("recalculs", annee)
    v = t.loc[t["id"] == id_, "valeur"]
    return None if len(v) != 1 or pd.isna(v.iloc[0]) else float(v.iloc[0])


def extraire(df: pd.DataFrame, filtre: dict, colonne: str) -> float | None:
    """The one value of `colonne` in the rows of a query's result that match `filtre` (None when not one)."""
    for k, v in filtre.items():
        df = df[df[k] == v]
    return None if len(df) != 1 or pd.isna(df.iloc[0][colonne]) else float(df.iloc[0][colonne])


def arrondi_comme_publie(x: float, valeur_publiee: float) -> float:
    """x at the precision the report prints the figure (its decimals in the CSV), half up."""
    texte = repr(float(valeur_publiee))
    decimales = len(texte.split(".")[1].rstrip("0")) if "." in texte else 0
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP))


def comparaison(annee: int) -> pd.DataFrame:
    """One row per published figure of `annee` the extracts can give back: published, recomputed (at the
    published precision), the same or not. Counts under the secrecy threshold read "secret"."""
    lignes = []
    for id_ in REPRODUITS:
        ind = publies.tous().get(id_)
        if ind is None or ind.annee != annee:
            continue
        x = valeur_recalculee(id_, annee)
        if x is None:
            recalcule, egal = "–", None
        else:
            x = arrondi_comme_publie(x, ind.valeur)
            compte = ind.unite != "%" and secret.est_primaire(x)
            recalcule = secret.SECRET if compte else formats.valeur(x, ind.unite)
            egal = None if compte else x == float(ind.valeur)
        lignes.append({"Indicateur": ind.libelle, "Publié": ind.texte, "Recalculé sur les extraits": recalcule,
                       "Identique": "oui" if egal else "non" if egal is False else "–",
                       "Section du rapport": ind.source})
    return pd.DataFrame(lignes)
