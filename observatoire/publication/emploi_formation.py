"""Emploi & formation: what the page shows, computed and protected here, drawn by pages/emploi_formation.py.

First the report's figures on employment, alternance (two published figures, two scopes), training,
sponsorship and the « 1 par 1 » week, as a list of blocks (texts as data); then, from the extracts, the chosen
territory beside the others: contracts by type, young people by situation, training funded by the Region,
starts by month. Secrecy of nested territories comes from the year's reference mask
(observatoire/secret/territoires.py), the monthly starts from the year's joint mask of every territory."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire import config, formats, modele, secret
from observatoire.publication import couche, stockees
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publication.blocs import Bloc, ids_dans_les_cartes as _ids_des_cartes
from observatoire.publication.perimetre import Filtres
from observatoire.publies import tous

CONTRATS = ["nb_contrats_cdi", "nb_contrats_cdd", "nb_contrats_interim"]
ACTIONS = ["nb_actions_region", "nb_actions_autre"]
JEUNES = ["nb_jeunes_emploi", "nb_jeunes_alternance", "nb_jeunes_formation"]
PARTS = {"part_interim_pct": ["nb_contrats_interim", "nb_contrats"],
         "part_region_pct": ["nb_actions_region", "nb_actions"]}
LIB_TYPES = {"nb_contrats_cdi": "CDI", "nb_contrats_cdd": "CDD", "nb_contrats_interim": "Intérim"}
LIB_JEUNES = {"nb_jeunes_emploi": "Emploi", "nb_jeunes_alternance": "Alternance", "nb_jeunes_formation": "Formation"}
LIB_SITU = {"emploi": "Contrats de travail", "alternance": "Contrats en alternance",
            "formation": "Actions de formation"}


# --- the report's figures, as blocks a page draws in order ----------------------------------------------------

def blocs_publies() -> list[Bloc]:
    """The report's figures on employment and training, with the words that go with them."""
    p = tous()
    t = {k: v.texte for k, v in p.items()}
    alt_obs, alt_emploi = p["emploi_observatoire_jeunes_alternance"], p["emploi_jeunes_alternance"]
    ff, fh = p["formation_part_femmes"], p["formation_part_hommes"]
    return [
        Bloc("titre", "Les chiffres publiés du rapport 2022"),
        Bloc("sous_titre", "Emploi"),
        Bloc("cartes", cartes=(
            ("emploi_observatoire_jeunes_entres_emploi", "Jeunes entrés en emploi (page Observatoire)",
             f"Section Emploi : **{t['emploi_jeunes_entres_entreprise']}** jeunes entrés en entreprise, même chiffre"),
            ("emploi_observatoire_contrats_hors_alternance", "Contrats de travail signés hors alternance", None),
            ("emploi_part_interim", "Part des contrats relevant du travail temporaire (intérim)", None))),
        Bloc("sous_titre", "Alternance : deux chiffres publiés, deux périmètres"),
        Bloc("cartes", cartes=(
            ("emploi_observatoire_jeunes_alternance", "Jeunes entrés en alternance — page Observatoire", None),
            ("emploi_jeunes_alternance", "Jeunes entrés en entreprise en alternance — section Emploi", None),
            ("emploi_alternance_orientes", "Jeunes orientés vers l'alternance (« près de 2500 ») — section Emploi",
             f"soit **{formats.variation(p['emploi_alternance_hausse_2018'].valeur, 0)}** par rapport à 2018 "
             f"(environ {t['emploi_alternance_orientes_2018']} jeunes en 2018, ordre de grandeur dérivé)"))),
        # the 2018 comparison stays in the table of the other figures too, with its own provenance (derived)
        Bloc("texte",
             f"**Pourquoi deux chiffres ?** La page *Observatoire* du rapport donne, sur des lignes séparées, "
             f"{t['emploi_observatoire_jeunes_entres_emploi']} jeunes entrés en emploi, "
             f"{t['emploi_observatoire_contrats_hors_alternance']} contrats de travail signés *hors alternance* et "
             f"{alt_obs.texte} jeunes entrés en alternance. La section *Emploi* écrit « "
             f"{t['emploi_jeunes_entres_entreprise']} jeunes entrés en entreprise, dont {alt_emploi.texte} en "
             f"alternance ». Même total, deux nombres d'alternants : le rapport n'explique pas l'écart de "
             f"{formats.nombre(alt_obs.valeur - alt_emploi.valeur)} jeunes. L'observatoire garde les deux chiffres, "
             "chacun avec sa section."),
        Bloc("sous_titre", "Formation"),
        Bloc("cartes", cartes=(
            ("formation_observatoire_jeunes", "Jeunes entrés en formation",
             f"Section Formation : **{t['formation_jeunes']}** jeunes ont bénéficié des formations mobilisées"),
            ("formation_observatoire_actions", "Actions de formation",
             f"Section Formation : **{t['formation_actions']}** formations mobilisées"),
            ("formation_financees_region", "Formations financées par la Région",
             f"soit **{t['formation_part_financees_region']}** des formations mobilisées (dérivé : "
             f"{t['formation_financees_region']} ÷ {t['formation_actions']})"))),
        Bloc("cartes", cartes=(
            ("formation_part_femmes", "Femmes parmi les jeunes en formation",
             f"Hommes : **{fh.texte}** — appariement incertain, total de "
             f"{formats.pourcentage(ff.valeur + fh.valeur)} (voir la note)"),
            ("formation_part_qpv", "Jeunes en formation résidant en QPV", None),
            ("formation_part_zrr", "Jeunes en formation résidant en ZRR", None),
            ("formation_part_rqth", "Jeunes en formation ayant une RQTH", None),
            ("formation_part_niveau5_infra", "Jeunes en formation de niveau 5 non validé et infra",
             "sans CAP ni BEP obtenu (ancienne nomenclature des niveaux)"))),
        Bloc("legende", f"Note sur la répartition par sexe : {ff.note}"),
        Bloc("sous_titre", "Parrainage et semaine « 1 par 1 »"),
        Bloc("cartes", cartes=(("emploi_jeunes_parraines", "Jeunes parrainés", None),
                               ("emploi_parraines_sorties_positives", "Sorties positives parmi les jeunes parrainés",
                                None))),
        Bloc("texte", "**Semaine « 1 par 1 » (17 au 21 octobre 2022)** : la découverte d'un métier auprès d'un ou "
                      "d'une professionnelle, pilotée par l'ARML."),
        Bloc("cartes", cartes=(("emploi_1par1_jeunes", "Jeunes participants", None),
                               ("emploi_1par1_professionnels", "Professionnels participants", None),
                               ("emploi_1par1_binomes", "Binômes jeune–professionnel", None))),
    ]


# Figures already said in a card's words: the table of "all the other figures" leaves them out too.
DEJA_DITS = {"emploi_jeunes_entres_entreprise", "formation_jeunes", "formation_actions", "formation_part_hommes"}


def ids_dans_les_cartes(blocs: list[Bloc]) -> set[str]:
    return _ids_des_cartes(blocs) | DEJA_DITS


# --- the chosen territory, from the extracts ------------------------------------------------------------------

@dataclass(frozen=True)
class Graphique:
    """One chart's content: its rows (NaN where hidden), the table a reader can check, its words."""
    titre: str
    cle: str
    lignes: pd.DataFrame
    tableau: pd.DataFrame
    lecture: str
    note: str | None = None
    ordre: tuple[str, ...] = ()   # categories in the order drawn (territories, or months)


@dataclass(frozen=True)
class ParTerritoire:
    """What the per-territory part of the page shows for a year and a territory."""
    source: str
    vide: bool                                     # no situation at all in the year's extracts
    cartes: list[tuple[str, str, str | None]]      # (label, value, complement) of the chosen territory
    contrats: Graphique
    jeunes: Graphique
    region: Graphique                              # lignes ready for graphiques.barres_reference
    reference_region_pct: float | None
    libelle_reference: str                         # "Normandie : 62 %", written on the reference line
    mois: Graphique
    tableau_ml: pd.DataFrame


def n(v) -> str:
    return secret.formater(v)


def pct(v) -> str:
    return v if secret.est_secret(v) else "–" if pd.isna(v) else formats.pourcentage(v, 1)


def source(f: Filtres) -> str:
    if f.provenance == Provenance.EXTRAITS:
        return "Extraits du système d'information des Missions Locales (table situations)"
    return "Données de démonstration (extraits générés par l'observatoire, table situations)"


COLONNES = [*JEUNES, *CONTRATS, "nb_contrats", *ACTIONS, "nb_actions"]  # queries/emploi_formation_par_territoire.sql


def _comptes(annee: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Every territory's counts (the layer's protected cells, 0 in place of a hidden one: never shown), and the
    same with the reference mask applied: for tables ("secret") and for charts (NaN). One suppression over every
    count shown per territory on any page, with contracts = CDI + CDD + interim and actions = Region + other on
    each row (young people of the three situations overlap — one may have a contract and a training —: no row
    total). Labels from the layer's `emploi_territoires`, counts from couche.chiffres: nothing recomputed."""
    territoires = couche.lire("emploi_territoires", annee)
    proteges = couche.chiffres(annee)[COLONNES].reindex([_code(c) for c in territoires["code"]])
    masque = proteges.isna().reset_index(drop=True)
    brut = territoires.drop(columns="provenance")
    for col in COLONNES:
        brut[col] = proteges[col].fillna(0).astype("int64").to_numpy()
    brut["provenance"] = territoires["provenance"].to_numpy()
    brut["part_interim_pct"] = 100 * brut["nb_contrats_interim"] / brut["nb_contrats"].where(brut["nb_contrats"] > 0)
    brut["part_region_pct"] = 100 * brut["nb_actions_region"] / brut["nb_actions"].where(brut["nb_actions"] > 0)
    return (brut, secret.appliquer_masque(brut, masque, PARTS),
            secret.appliquer_masque(brut, masque, PARTS, pour_graphique=True))


def _code(code: str) -> str:
    return config.REGION if str(code).lower() == config.REGION.lower() else str(code)


def _comparees(f: Filtres, brut: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The territories compared: the region and the departments for the region; else the region, the department
    and its Missions Locales."""
    if f.est_region:
        garder = table["niveau"].isin(["region", "departement"])
    else:
        dep = f.code if f.niveau == "departement" else brut.loc[brut["code"] == f.code, "departement"].iloc[0]
        garder = (table["niveau"] == "region") | (table["code"] == dep) | \
            ((table["niveau"] == "mission_locale") & (table["departement"] == dep))
    return table[garder].reset_index(drop=True)


def _contrats(comparees: pd.DataFrame, comparees_aff: pd.DataFrame, quoi: str) -> Graphique:
    """Contracts by type, as shares of each territory's contracts."""
    long = comparees.melt(id_vars=["code", "libelle", "libelle_court", "niveau", "nb_contrats", "secret"],
                          value_vars=CONTRATS, var_name="col", value_name="nb")
    long["categorie"] = long["col"].map(LIB_TYPES)
    long["part"] = long["nb"] / long["nb_contrats"]
    long["ordre"] = long["col"].map({c: i for i, c in enumerate(CONTRATS)})
    tableau = pd.DataFrame({
        "Territoire": comparees_aff["libelle"],
        "CDI": [n(v) for v in comparees_aff["nb_contrats_cdi"]],
        "CDD": [n(v) for v in comparees_aff["nb_contrats_cdd"]],
        "Intérim": [n(v) for v in comparees_aff["nb_contrats_interim"]],
        "Contrats (total)": [n(v) for v in comparees_aff["nb_contrats"]],
        "Part de l'intérim": [pct(v) for v in comparees_aff["part_interim_pct"]],
    })
    vus = comparees[comparees["niveau"] != "region"].dropna(subset=["part_interim_pct"])
    reg = comparees[comparees["niveau"] == "region"].iloc[0]
    if vus.empty or pd.isna(reg["part_interim_pct"]):
        lecture = "La part de l'intérim n'est pas disponible (pas de contrat, ou secret statistique)."
    else:
        haut = vus.loc[vus["part_interim_pct"].idxmax()]
        bas = vus.loc[vus["part_interim_pct"].idxmin()]
        lecture = (f"En Normandie, {pct(reg['part_interim_pct'])} des contrats de travail hors alternance sont des "
                   f"missions d'intérim ; par {quoi}, la part va de {pct(bas['part_interim_pct'])} "
                   f"({bas['libelle_court']}) à {pct(haut['part_interim_pct'])} ({haut['libelle_court']}).")
    note = (f"publié pour la Normandie : {tous()['emploi_part_interim'].texte} de travail temporaire "
            "(section Emploi) ; la part de CDI n'est pas publiée")
    return Graphique(f"Contrats de travail par type — par {quoi}", "emploi_contrats", long, tableau, lecture, note,
                     tuple(comparees["libelle_court"]))


def _jeunes(f: Filtres, niveau: pd.DataFrame, niveau_aff: pd.DataFrame, ligne: pd.Series, quoi: str) -> Graphique:
    """Young people by situation, per territory of the level compared (counts: the region, or the department of
    the Missions Locales, would dwarf them and is given in the cards and the reading)."""
    lj = niveau.melt(id_vars=["code", "libelle", "libelle_court", "niveau"], value_vars=JEUNES,
                     var_name="col", value_name="nb")
    lj["categorie"] = lj["col"].map(LIB_JEUNES)
    lj["texte"] = [formats.nombre(v) if pd.notna(v) else secret.SECRET for v in lj["nb"]]
    tableau = pd.DataFrame({"Territoire": niveau_aff["libelle"],
                            **{lib: [n(v) for v in niveau_aff[c]] for c, lib in LIB_JEUNES.items()}})
    dans = f.dans[0].upper() + f.dans[1:]
    lecture = (f"{dans}, {n(ligne['nb_jeunes_emploi'])} jeunes sont entrés en emploi, "
               f"{n(ligne['nb_jeunes_alternance'])} en alternance et {n(ligne['nb_jeunes_formation'])} en formation "
               f"en {f.annee} (un jeune peut être compté dans plusieurs situations).")
    return Graphique(f"Jeunes en emploi, en alternance, en formation — par {quoi}", "emploi_jeunes", lj, tableau,
                     lecture, ordre=tuple(niveau["libelle_court"]))


def _region(f: Filtres, niveau: pd.DataFrame, comparees: pd.DataFrame, comparees_aff: pd.DataFrame,
            quoi: str) -> tuple[Graphique, float | None]:
    """Share of training actions funded by the Region per territory, the region as the reference line."""
    choisi = {f.code} if not f.est_region else set()
    reg = comparees[comparees["niveau"] == "region"].iloc[0]
    gr = pd.DataFrame({
        "territoire": niveau["libelle_court"], "libelle": niveau["libelle"], "part_pct": niveau["part_region_pct"],
        "etiquette": [formats.pourcentage(v, 0) if pd.notna(v) else secret.SECRET for v in niveau["part_region_pct"]],
        "choisi": [c in choisi or not choisi for c in niveau["code"]],
    }).sort_values("part_pct", ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    tableau = pd.DataFrame({
        "Territoire": comparees_aff["libelle"],
        "Actions financées par la Région": [n(v) for v in comparees_aff["nb_actions_region"]],
        "Autres actions": [n(v) for v in comparees_aff["nb_actions_autre"]],
        "Actions (total)": [n(v) for v in comparees_aff["nb_actions"]],
        "Part financée par la Région": [pct(v) for v in comparees_aff["part_region_pct"]],
    })
    vus = gr.dropna(subset=["part_pct"])
    lecture = ("La part des actions financées par la Région n'est pas disponible." if vus.empty else
               f"En Normandie, {pct(reg['part_region_pct'])} des actions de formation sont financées par la Région "
               f"(trait orange en pointillés) ; par {quoi}, de {pct(vus['part_pct'].min())} à "
               f"{pct(vus['part_pct'].max())}.")
    p = tous()
    note = (f"publié pour la Normandie : {p['formation_financees_region'].texte} sur {p['formation_actions'].texte} "
            f"formations, soit {p['formation_part_financees_region'].texte} (dérivé)")
    reference = float(reg["part_region_pct"]) if pd.notna(reg["part_region_pct"]) else None
    return (Graphique(f"Actions de formation financées par la Région — par {quoi}", "formation_region", gr, tableau,
                      lecture, note), reference)


def _mois(f: Filtres) -> Graphique:
    """Starts by month in the chosen territory: months × types with their totals, from the year's joint mask of
    the monthly starts of every territory (a Mission Locale's hidden month is not its department's month minus
    the other Missions Locales'); the year's totals hidden or shown as the reference mask says."""
    croise = stockees.croisement_mois(f.annee, f.code)
    corps = croise.drop(index=secret.TOTAL, errors="ignore")
    types = [c for c in LIB_SITU if c in corps.columns]
    lm = corps.reset_index().melt(id_vars="mois", value_vars=types, var_name="type", value_name="valeur")
    lm["nb"] = pd.to_numeric(lm["valeur"].where(~lm["valeur"].map(secret.est_secret)), errors="coerce")
    lm["categorie"] = lm["type"].map(LIB_SITU)
    lm["mois_lib"] = lm["mois"].map(lambda m: formats.mois(m, court=True))
    lm = lm.drop(columns="valeur")  # counts and "secret" mixed: not for the chart's data
    tableau = pd.DataFrame({"Mois": [formats.mois(m, court=True) if m != secret.TOTAL else "Total"
                                     for m in croise.index]})
    for c, lib in LIB_SITU.items():
        if c in croise.columns:
            tableau[lib] = [n(v) for v in croise[c]]
    tableau["Total"] = [n(v) for v in croise[secret.TOTAL]]
    emploi = corps["emploi"][~corps["emploi"].map(secret.est_secret)] if "emploi" in types else pd.Series()
    dans = f.dans[0].upper() + f.dans[1:]
    if len(emploi) and pd.to_numeric(emploi).max() > 0:
        m_max = int(pd.to_numeric(emploi).idxmax())
        lecture = (f"{dans}, c'est en {formats.mois(m_max)} que commencent le plus de contrats de travail "
                   f"({n(corps.loc[m_max, 'emploi'])}) ; {n(croise.loc[secret.TOTAL, 'alternance'])} contrats en "
                   f"alternance et {n(croise.loc[secret.TOTAL, 'formation'])} actions de formation ont débuté dans "
                   "l'année.")
    else:
        lecture = f"{dans}, aucun contrat de travail n'est visible par mois (pas de données, ou secret statistique)."
    note = f"un mois de moins de {secret.seuil_actif()} débuts est « secret » (point absent de la courbe)"
    return Graphique(f"Débuts de contrats et de formations, mois par mois — {f.libelle}", "emploi_mois", lm,
                     tableau, lecture, note, tuple(formats.mois(m, court=True) for m in range(1, 13)))


def _tableau_ml(affiche: pd.DataFrame) -> pd.DataFrame:
    mls = affiche[affiche["niveau"] == "mission_locale"]
    return pd.DataFrame({
        "Mission Locale": mls["libelle"],
        "Jeunes en emploi": [n(v) for v in mls["nb_jeunes_emploi"]],
        "Contrats": [n(v) for v in mls["nb_contrats"]],
        "dont intérim": [n(v) for v in mls["nb_contrats_interim"]],
        "Jeunes en alternance": [n(v) for v in mls["nb_jeunes_alternance"]],
        "Jeunes en formation": [n(v) for v in mls["nb_jeunes_formation"]],
        "Actions de formation": [n(v) for v in mls["nb_actions"]],
        "dont Région": [n(v) for v in mls["nb_actions_region"]],
    })


def par_territoire(f: Filtres) -> ParTerritoire:
    """The per-territory part of the page for the selection's year and territory."""
    brut, affiche, graphe = _comptes(f.annee)
    niveau_ligne = "region" if f.est_region else f.niveau
    ligne = affiche[(affiche["niveau"] == niveau_ligne) & ((affiche["code"] == f.code) | (niveau_ligne == "region"))]
    ligne = ligne.iloc[0]
    # a hidden count of the region ("secret") is not 0: the page is empty only when both are shown as 0
    region_affichee = affiche[affiche["niveau"] == "region"].iloc[0]
    vide = bool(region_affichee["nb_contrats"] == 0 and region_affichee["nb_actions"] == 0)
    dans = f.dans
    cartes = [
        (f"Jeunes entrés en emploi {dans}", n(ligne["nb_jeunes_emploi"]),
         f"**{n(ligne['nb_contrats'])}** contrats hors alternance, dont **{pct(ligne['part_interim_pct'])}** en "
         "intérim"),
        (f"Jeunes entrés en alternance {dans}", n(ligne["nb_jeunes_alternance"]), None),
        (f"Jeunes entrés en formation {dans}", n(ligne["nb_jeunes_formation"]),
         f"**{n(ligne['nb_actions'])}** actions, dont **{pct(ligne['part_region_pct'])}** financées par la Région"),
    ]
    quoi = "département" if f.est_region else "Mission Locale"
    comparees, comparees_aff = _comparees(f, brut, graphe), _comparees(f, brut, affiche)
    niveau_compare = "departement" if f.est_region else "mission_locale"
    niveau, niveau_aff = (comparees[comparees["niveau"] == niveau_compare],
                          comparees_aff[comparees_aff["niveau"] == niveau_compare])
    region, reference = _region(f, niveau, comparees, comparees_aff, quoi)
    libelle_reference = f"Normandie : {formats.pourcentage(reference, 0)}" if reference is not None else ""
    return ParTerritoire(source(f), vide, cartes, _contrats(comparees, comparees_aff, quoi),
                         _jeunes(f, niveau, niveau_aff, ligne, quoi), region, reference, libelle_reference, _mois(f),
                         _tableau_ml(affiche))


def definitions() -> list[tuple[str, str]]:
    situations = modele.TABLES["situations"]
    termes = [("Situations", situations.definition)]
    termes += [(nom, situations.colonne(nom).definition) for nom in ("type", "sous_type", "date_debut")]
    termes.append(("Secret statistique",
                   f"un effectif de 1 à {secret.seuil_actif() - 1} calculé sur des extraits n'est jamais affiché ; "
                   "les Missions Locales, les départements et la région s'additionnant, une seconde case est masquée "
                   "quand un total permettrait de retrouver la première."))
    return termes


SOURCE_PUBLIEE = (f"Chiffres publiés : {SOURCE_RAPPORT}, sections « Emploi : relation entreprises, entreprenariat, "
                  "parrainage », « Formation » et « Observatoire ».")
