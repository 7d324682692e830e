"""The plain-pandas way of computing what each query of queries/*.sql returns, for the benchmark
(bench/queries.py) and its check (tests/test_bench_equivalents.py).

`EQUIVALENTS_PANDAS` maps every query name to a function `f(d, **params)`: `d` holds the tables loaded once
by `bench.queries.charger_pandas` (the RAW extracts jeunes, entrees_dispositif, situations, objectifs_cej and
the reference tables), the params are the query's own; the function filters, merges and groups them as an
analyst would, and returns the same columns, rows and values as the SQL. It never reads the derived tables
(parcours, jeunes_par_ml, profils_jeunes: observatoire/derive.py) that some queries read: where a query counts
young people through them, the equivalent counts distinct young people straight from the extracts.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

DEBUT_CEJ = dt.date(2022, 3, 1)  # décret n° 2022-199: the CEJ replaced the Garantie jeunes
TYPES_SITUATION = ("emploi", "alternance", "formation")
ORDRE_NIVEAUX = {"region": 0, "departement": 1, "mission_locale": 2}
# The name of a Mission Locale without "Mission Locale", for chart axes (regexp_replace, first match only).
PREFIXE_ML = r"^Mission Locale (de l'|de la |des |du |de )?"


# --- Shared helpers -----------------------------------------------------------------------------------

def _annee(df: pd.DataFrame, annee: int) -> pd.DataFrame:
    return df[df["annee"] == annee]


def _mls_du_territoire(d, territoire) -> pd.Series:
    """Codes of the Missions Locales of a territory: 'Normandie', a department ('14') or one ('14-CAE')."""
    ml = d["missions_locales"]
    return ml.loc[(territoire == "Normandie") | (ml["departement"] == territoire) | (ml["code_ml"] == territoire),
                  "code_ml"]


def _population(d, niveau):
    c = d["communes"].merge(d["ml_communes"], on="code_commune")
    c["code"] = c["departement"] if niveau == "departement" else c["code_ml"]
    return c


def _avec_region(g: pd.DataFrame, region: dict) -> pd.DataFrame:
    g = g.reset_index().assign(niveau_ligne="territoire")
    return pd.concat([g, pd.DataFrame([{"code": "Normandie", "niveau_ligne": "region", **region}])],
                     ignore_index=True)


def _entrees_cej(d, annee):
    """Entries of the year in the report's scopes: GJ before 1 March 2022, CEJ from that day."""
    e = _annee(d["entrees_dispositif"], annee)
    dates = e["date_entree"]
    return e[((e["dispositif"] == "GJ") & (dates < DEBUT_CEJ)) | ((e["dispositif"] == "CEJ") & (dates >= DEBUT_CEJ))]


def _part(numerateur, denominateur) -> float:
    """100 × a / b, null when b is null or 0 (SQL's nullif)."""
    return 100.0 * numerateur / denominateur if pd.notna(denominateur) and denominateur != 0 else np.nan


def _grille_territoires(d) -> pd.DataFrame:
    """The region, each department of `departements`, each Mission Locale of `missions_locales`, labelled:
    niveau, code, libelle, libelle_court, departement."""
    dep = d["departements"]
    ml = d["missions_locales"]
    return pd.concat([
        pd.DataFrame({"niveau": ["region"], "code": ["Normandie"], "libelle": ["Normandie"],
                      "libelle_court": ["Normandie"], "departement": [None]}),
        pd.DataFrame({"niveau": "departement", "code": dep["code_departement"],
                      "libelle": dep["nom"] + " (" + dep["code_departement"] + ")", "libelle_court": dep["nom"],
                      "departement": dep["code_departement"]}),
        pd.DataFrame({"niveau": "mission_locale", "code": ml["code_ml"], "libelle": ml["nom"],
                      "libelle_court": ml["nom"].str.replace(PREFIXE_ML, "", n=1, regex=True),
                      "departement": ml["departement"]}),
    ], ignore_index=True)


def _trier_niveaux(df: pd.DataFrame) -> pd.DataFrame:
    """Region, then departments, then Missions Locales; by department then code within each."""
    return (df.assign(_ordre=df["niveau"].map(ORDRE_NIVEAUX))
            .sort_values(["_ordre", "departement", "code"], kind="stable").drop(columns="_ordre")
            .reset_index(drop=True))


# --- Reference tables ---------------------------------------------------------------------------------

def _p_indicateurs_publies(d, **_):
    df = d["indicateurs_publies"].sort_values(["theme", "id"]).copy()
    df["formule"] = df["formule"].fillna("")
    df["note"] = df["note"].fillna("")
    return df[["id", "theme", "libelle", "valeur", "unite", "annee", "perimetre", "source", "statut",
               "formule", "note"]]


def _p_coordonnees_missions_locales(d, **_):
    return (d["missions_locales"].sort_values(["departement", "nom"])
            [["code_ml", "nom", "departement", "ville_siege", "telephone", "email"]].reset_index(drop=True))


def _p_carte_lieux_accueil(d, **_):
    """Seat and antennas ("insee|ville|tel|mail;…") of each Mission Locale, placed in their commune."""
    ml = d["missions_locales"]
    cles = ["code_ml", "nom", "departement"]
    sieges = ml[cles].assign(nature="siège", commune=ml["commune_siege"], ville=ml["ville_siege"],
                             telephone=ml["telephone"], email=ml["email"])
    a = ml.loc[ml["antennes"].notna() & (ml["antennes"] != ""), cles + ["antennes"]]
    a = a.assign(antenne=a["antennes"].str.split(";")).explode("antenne")
    a = a[a["antenne"] != ""]
    # split_part: the n-th piece, '' when there are fewer pieces
    morceaux = a["antenne"].astype("str").str.split("|", expand=True).reindex(columns=range(4)).fillna("")
    antennes = a[cles].assign(nature="antenne", commune=morceaux[0], ville=morceaux[1], telephone=morceaux[2],
                              email=morceaux[3])
    lieux = pd.concat([sieges, antennes], ignore_index=True).merge(
        d["communes"][["code_commune", "lat", "lon"]], left_on="commune", right_on="code_commune")
    lieux = lieux.sort_values(["code_ml", "nature", "ville"], ascending=[True, False, True], kind="stable")
    return lieux[["code_ml", "nom", "departement", "nature", "commune", "ville", "telephone", "email", "lat", "lon"]
                 ].reset_index(drop=True)


def _p_territoires_normandie(d, **_):
    g = _grille_territoires(d)
    g["ordre"] = g["niveau"].map(ORDRE_NIVEAUX)
    g = g.sort_values(["ordre", "departement", "libelle"], kind="stable")
    return g[["code", "libelle", "niveau", "departement"]].reset_index(drop=True)


def _p_territoire_methodes(d, **_):
    g = d["ml_communes"].groupby("methode", dropna=False).size().rename("nb_communes").reset_index()
    return g.sort_values(["nb_communes", "methode"], ascending=[False, True]).reset_index(drop=True)


def _p_territoire_population(d, niveau, **_):
    c = _population(d, niveau)
    g = c.groupby("code").agg(population_2017=("population", "sum"), nb_communes=("code_commune", "size"))
    g = g.reset_index().assign(niveau_ligne="territoire")
    region = pd.DataFrame({"code": ["Normandie"], "niveau_ligne": ["region"],
                           "population_2017": [g["population_2017"].sum()], "nb_communes": [g["nb_communes"].sum()]})
    return pd.concat([g, region], ignore_index=True)[["code", "niveau_ligne", "population_2017", "nb_communes"]]


# --- Young people supported ---------------------------------------------------------------------------

def _p_extraits_annees(d, **_):
    g = d["jeunes"].groupby("annee").agg(provenance=("provenance", "min"), nb_jeunes=("id_jeune", "size"))
    g = g[g["nb_jeunes"] > 0].reset_index()
    return g.sort_values("annee", ascending=False).reset_index(drop=True)


def _p_provenance_des_extraits(d, **_):
    morceaux = [d[t].groupby("annee", as_index=False)["provenance"].min().assign(table_extrait=t)
                for t in ("entrees_dispositif", "jeunes", "objectifs_cej", "situations")]
    out = pd.concat(morceaux, ignore_index=True)[["table_extrait", "annee", "provenance"]]
    return out.sort_values(["table_extrait", "annee"]).reset_index(drop=True)


def _p_territoire_jeunes(d, annee, niveau, **_):
    j = _annee(d["jeunes"], annee)
    departement = d["missions_locales"].set_index("code_ml")["departement"]
    code = j["code_ml"].map(departement) if niveau == "departement" else j["code_ml"]
    j = j.assign(code=code, sd=j["niveau"] == "sans_diplome", ext=j["provenance"] == "extraits")

    def comptes(x):
        return {"nb_jeunes": x["id_jeune"].nunique(), "nb_sans_diplome": x.loc[x["sd"], "id_jeune"].nunique(),
                "nb_qpv": x.loc[x["qpv"], "id_jeune"].nunique(), "nb_rqth": x.loc[x["rqth"], "id_jeune"].nunique(),
                "depuis_extraits": bool(x["ext"].all()) if len(x) else None}  # bool_and of no row: null

    par_code = pd.DataFrame.from_dict({k: comptes(x) for k, x in j.groupby("code")}, orient="index")
    par_code.index.name = "code"
    df = _avec_region(par_code, comptes(j))
    pop = _population(d, niveau).groupby("code")["population"].sum()
    df["population_2017"] = df["code"].map(pop)
    df.loc[df["niveau_ligne"] == "region", "population_2017"] = pop.sum()
    for n in ("sans_diplome", "qpv", "rqth"):
        df[f"part_{n}_pct"] = 100.0 * df[f"nb_{n}"] / df["nb_jeunes"].replace(0, np.nan)
    return df[["code", "niveau_ligne", "nb_jeunes", "nb_sans_diplome", "nb_qpv", "nb_rqth", "part_sans_diplome_pct",
               "part_qpv_pct", "part_rqth_pct", "population_2017", "depuis_extraits"]]


def _p_jeunes_par_niveau_territoire_region(d, annee, territoire, **_):
    j = _annee(d["jeunes"], annee)
    j = j.assign(dans_territoire=j["code_ml"].isin(_mls_du_territoire(d, territoire)))
    g = j.groupby("niveau", dropna=False).agg(nb_jeunes_territoire=("dans_territoire", "sum"),
                                              nb_jeunes_region=("dans_territoire", "size")).reset_index()
    ordre = g["niveau"].map({"sans_diplome": 1, "cap_bep": 2, "bac": 3}).fillna(4)
    return g.iloc[np.argsort(ordre.to_numpy(), kind="stable")].reset_index(drop=True)


def _p_jeunes_par_territoire(d, annee, **_):
    """Counts of the thematic pages per Mission Locale, department and region; every Mission Locale a row."""
    j = _annee(d["jeunes"], annee)
    logement = j["logement"].fillna("non_renseigne")
    smj = j["sous_main_justice"].eq(True)
    comptes = pd.DataFrame({
        "code_ml": j["code_ml"],
        "nb_jeunes": 1,
        "nb_premiers_accueils": j["premier_accueil"].eq(True),
        "nb_rqth": j["rqth"].eq(True),
        "nb_jsmj": smj,
        "nb_jsmj_mineurs": smj & j["tranche_age"].eq("16-17"),
        "nb_jsmj_sans_diplome": smj & (j["niveau"] == "sans_diplome"),
        "nb_autonome": logement == "autonome",
        "nb_parents_famille": logement == "parents_famille",
        "nb_precaire": logement == "precaire",
        "nb_logement_non_renseigne": logement == "non_renseigne",
    })
    mesures = [c for c in comptes.columns if c != "code_ml"]
    # young people of a code_ml unknown to missions_locales are left out, a Mission Locale without any is a 0
    par_ml = (d["missions_locales"][["departement", "code_ml"]]
              .merge(comptes.groupby("code_ml")[mesures].sum(), left_on="code_ml", right_index=True, how="left")
              .fillna({m: 0 for m in mesures}))
    par_dep = par_ml.groupby("departement", dropna=False)[mesures].sum().reset_index()
    df = pd.concat([
        par_ml.assign(niveau="mission_locale", code=par_ml["code_ml"]),
        par_dep.assign(niveau="departement", code=par_dep["departement"].fillna("Normandie")),
        pd.DataFrame([{"niveau": "region", "departement": None, "code": "Normandie", **par_ml[mesures].sum()}]),
    ], ignore_index=True)
    df[mesures] = df[mesures].astype("int64")
    return _trier_niveaux(df)[["niveau", "departement", "code", *mesures]]


DIMENSIONS_PUBLICS = ("tranche_age", "niveau", "sexe", "logement", "rqth", "qpv", "zrr")


def _p_publics_repartitions(d, annee, codes_ml, **_):
    """Each characteristic of the year's young people, for the selected Missions Locales and for all; every
    category of the whole on both sides; shares in %."""
    j = _annee(d["jeunes"], annee)
    dans_territoire = j["code_ml"].isin(codes_ml)
    parts = []
    for dimension in DIMENSIONS_PUBLICS:
        if dimension in ("rqth", "qpv", "zrr"):
            modalite = j[dimension].map({True: "oui", False: "non"})
        elif dimension == "logement":
            modalite = j[dimension].fillna("non_renseigne")
        else:
            modalite = j[dimension]
        grille = sorted(modalite.unique())
        for perimetre, m in (("territoire", modalite[dans_territoire]), ("region", modalite)):
            comptes = m.value_counts().reindex(grille, fill_value=0)
            total = comptes.sum()
            parts.append(pd.DataFrame({"perimetre": perimetre, "dimension": dimension, "modalite": grille,
                                       "nb_jeunes": comptes.to_numpy(),
                                       "part_pct": 100.0 * comptes.to_numpy() / total if total else np.nan}))
    df = pd.concat(parts, ignore_index=True)
    df["provenance"] = j["provenance"].min()
    return df


def _p_publics_repartitions_par_territoire(d, annee, **_):
    """Each characteristic of the year's young people, counted for every Mission Locale, department and the
    region; every category of the region for every territory (a true 0 is a row)."""
    j = _annee(d["jeunes"], annee).merge(d["missions_locales"][["code_ml", "departement"]], on="code_ml")
    parts = []
    for dimension in DIMENSIONS_PUBLICS:
        if dimension in ("rqth", "qpv", "zrr"):
            modalite = j[dimension].map({True: "oui"}).fillna("non")
        elif dimension == "logement":
            modalite = j[dimension].fillna("non_renseigne")
        else:
            modalite = j[dimension]
        x = pd.DataFrame({"departement": j["departement"], "code_ml": j["code_ml"], "modalite": modalite})
        for niveau, cle in (("region", None), ("departement", "departement"), ("mission_locale", "code_ml")):
            code = pd.Series("Normandie", index=x.index) if cle is None else x[cle]
            g = x.assign(code=code).groupby(["code", "modalite"]).size().rename("nb_jeunes").reset_index()
            parts.append(g.assign(niveau=niveau, dimension=dimension))
    comptes = pd.concat(parts, ignore_index=True)
    categories = comptes[["dimension", "modalite"]].drop_duplicates()
    grille = _grille_territoires(d)[["niveau", "code", "departement"]].merge(categories, how="cross")
    df = grille.merge(comptes, on=["niveau", "code", "dimension", "modalite"], how="left")
    df["nb_jeunes"] = df["nb_jeunes"].fillna(0).astype("int64")
    df = (df.assign(_ordre=df["niveau"].map(ORDRE_NIVEAUX))
          .sort_values(["_ordre", "departement", "code", "dimension", "modalite"], kind="stable"))
    return df[["niveau", "departement", "code", "dimension", "modalite", "nb_jeunes"]].reset_index(drop=True)


def _p_publics_effectifs(d, annee, codes_ml, **_):
    j = _annee(d["jeunes"], annee)
    t = j[j["code_ml"].isin(codes_ml)]
    return pd.DataFrame({"perimetre": ["territoire", "region"], "nb_jeunes": [len(t), len(j)],
                         "nb_premiers_accueils": [int(t["premier_accueil"].sum()), int(j["premier_accueil"].sum())],
                         "provenance": j["provenance"].min()})


def _p_chiffres_regionaux_extraits(d, annee, **_):
    """The report's regional figures recomputed from the extracts of the year: one row per measure."""
    j = _annee(d["jeunes"], annee)
    e = _annee(d["entrees_dispositif"], annee).merge(j[["id_jeune", "sexe", "qpv"]], on="id_jeune", how="left")
    s = _annee(d["situations"], annee).merge(j[["id_jeune", "qpv", "zrr", "rqth", "niveau"]], on="id_jeune",
                                             how="left")
    smj = j["sous_main_justice"].eq(True)
    justice = int(smj.sum())
    jeunes = len(j)
    premiers = int(j["premier_accueil"].eq(True).sum())
    rqth = int(j["rqth"].eq(True).sum())

    gj = e["dispositif"].eq("GJ")
    cej = e["dispositif"].eq("CEJ")
    entrees_gj = e.loc[gj, "id_jeune"].nunique()
    entrees_cej = e.loc[cej, "id_jeune"].nunique()
    entrants = e["id_jeune"].dropna().unique()
    nb_entrants = len(entrants)
    objectif = _annee(d["objectifs_cej"], annee)["objectif"].sum(min_count=1)

    emploi = s["type"].eq("emploi")
    formation = s["type"].eq("formation")
    contrats = int(emploi.sum())
    actions = int(formation.sum())
    actions_region = int((formation & s["sous_type"].eq("region")).sum())
    formes = s[formation].drop_duplicates("id_jeune")  # one row per young person with a training action
    formes_n = len(formes)

    lignes = [
        ("jeunes_accompagnes", jeunes, "jeunes"),
        ("premiers_accueils", premiers, "jeunes"),
        ("premiers_accueils_part_pct", _part(premiers, jeunes), "%"),
        ("rqth", rqth, "jeunes"),
        ("rqth_part_pct", _part(rqth, jeunes), "%"),
        ("justice", justice, "jeunes"),
        ("justice_sans_diplome_part_pct", _part((smj & j["niveau"].eq("sans_diplome")).sum(), justice), "%"),
        ("justice_mineurs_part_pct", _part((smj & j["tranche_age"].eq("16-17")).sum(), justice), "%"),
        ("entrees_gj", entrees_gj, "jeunes"),
        ("entrees_cej", entrees_cej, "jeunes"),
        ("entrees_gj_cej", entrees_gj + entrees_cej, "jeunes"),
        ("objectif_cej", objectif, "jeunes"),
        ("realisation_objectif_pct", _part(entrees_gj + entrees_cej, objectif), "%"),
        ("entrants_femmes_part_pct", _part(e.loc[e["sexe"].eq("F"), "id_jeune"].nunique(), nb_entrants), "%"),
        ("entrants_hommes_part_pct", _part(e.loc[e["sexe"].eq("H"), "id_jeune"].nunique(), nb_entrants), "%"),
        ("entrants_qpv_part_pct", _part(e.loc[e["qpv"].eq(True), "id_jeune"].nunique(), nb_entrants), "%"),
        ("entrants_en_formation_part_pct", _part(formes["id_jeune"].isin(entrants).sum(), nb_entrants), "%"),
        ("emploi_jeunes", s.loc[emploi, "id_jeune"].nunique(), "jeunes"),
        ("emploi_contrats", contrats, "contrats"),
        ("emploi_interim_part_pct", _part((emploi & s["sous_type"].eq("interim")).sum(), contrats), "%"),
        ("alternance_jeunes", s.loc[s["type"].eq("alternance"), "id_jeune"].nunique(), "jeunes"),
        ("formation_jeunes", formes_n, "jeunes"),
        ("formation_actions", actions, "actions"),
        ("formation_region", actions_region, "actions"),
        ("formation_region_part_pct", _part(actions_region, actions), "%"),
        ("formation_qpv_part_pct", _part(formes["qpv"].eq(True).sum(), formes_n), "%"),
        ("formation_zrr_part_pct", _part(formes["zrr"].eq(True).sum(), formes_n), "%"),
        ("formation_rqth_part_pct", _part(formes["rqth"].eq(True).sum(), formes_n), "%"),
        ("formation_sans_diplome_part_pct", _part(formes["niveau"].eq("sans_diplome").sum(), formes_n), "%"),
    ]
    df = pd.DataFrame(lignes, columns=["mesure", "valeur", "unite"])
    df["valeur"] = df["valeur"].astype(float)
    return df


# --- Schemes: Garantie jeunes and CEJ -----------------------------------------------------------------

def _p_territoire_cej(d, annee, niveau, **_):
    e = _annee(d["entrees_dispositif"], annee)
    entrees = e.assign(cej=e["dispositif"] == "CEJ", gj=e["dispositif"] == "GJ",
                       ext=e["provenance"] == "extraits").groupby("code_ml").agg(
        nb_entrees_cej=("cej", "sum"), nb_entrees_gj=("gj", "sum"), ext_e=("ext", "all"))
    o = _annee(d["objectifs_cej"], annee)
    objectifs = o.assign(ext=o["provenance"] == "extraits").groupby("code_ml").agg(
        objectif_cej=("objectif", lambda x: x.sum(min_count=1)), ext_o=("ext", "all"))
    ml = d["missions_locales"][["code_ml", "departement"]].merge(entrees, on="code_ml", how="left")
    ml = ml.merge(objectifs, on="code_ml", how="left")
    ml["code"] = ml["departement"] if niveau == "departement" else ml["code_ml"]
    ml["nb_entrees_cej"] = ml["nb_entrees_cej"].fillna(0)
    ml["nb_entrees_gj"] = ml["nb_entrees_gj"].fillna(0)
    ml["depuis_extraits"] = ml["ext_e"].fillna(True).astype(bool) & ml["ext_o"].fillna(True).astype(bool)
    # SQL's sum over no non-null value is null (a Mission Locale without objective), not 0
    somme = {"nb_entrees_cej": "sum", "nb_entrees_gj": "sum",
             "objectif_cej": lambda x: x.sum() if x.notna().all() else np.nan, "depuis_extraits": "all"}
    par_code = ml.groupby("code").agg(somme)
    df = _avec_region(par_code, {"nb_entrees_cej": ml["nb_entrees_cej"].sum(),
                                 "nb_entrees_gj": ml["nb_entrees_gj"].sum(),
                                 "objectif_cej": (ml["objectif_cej"].sum() if ml["objectif_cej"].notna().all()
                                                  else np.nan),
                                 "depuis_extraits": ml["depuis_extraits"].all()})
    df["nb_entrees_gj_cej"] = df["nb_entrees_gj"] + df["nb_entrees_cej"]
    return df[["code", "niveau_ligne", "nb_entrees_cej", "nb_entrees_gj", "nb_entrees_gj_cej", "objectif_cej",
               "depuis_extraits"]]


def _p_cej_entrees_par_mois_par_mission_locale(d, annee, **_):
    """Entries (GJ then CEJ) by month for every Mission Locale (a true 0 is a row)."""
    e = _entrees_cej(d, annee)
    comptes = e.groupby(["code_ml", pd.to_datetime(e["date_entree"]).dt.month.rename("mois")]).size()
    ml = d["missions_locales"].sort_values("code_ml")
    grille = pd.MultiIndex.from_product([ml["code_ml"], range(1, 13)], names=["code_ml", "mois"])
    df = comptes.reindex(grille, fill_value=0).rename("nb_entrees").reset_index()
    df = df.merge(ml[["code_ml", "departement"]], on="code_ml", how="left")
    return df[["code_ml", "departement", "mois", "nb_entrees"]]


def _p_cej_objectif_atteint(d, annee, codes_ml, **_):
    """Entries of the territory against its objective, and the first day the running total reaches it."""
    e = _entrees_cej(d, annee)
    dates_region = pd.to_datetime(e["date_entree"])
    dates = dates_region[e["code_ml"].isin(codes_ml)]
    cumul = dates.value_counts().sort_index().cumsum()
    o = _annee(d["objectifs_cej"], annee)
    o = o[o["code_ml"].isin(codes_ml)]
    objectif = o["objectif"].sum(min_count=1)  # null when no objective is recorded for the year
    return pd.DataFrame({
        "objectif_cej": [objectif],
        "nb_entrees": [len(dates)],
        "realisation_pct": [_part(len(dates), objectif)],
        "date_objectif_atteint": [cumul.index[cumul >= objectif].min()],  # NaT when never reached
        "date_premiere_entree": [dates.min()],
        "date_derniere_entree": [dates.max()],
        "date_fin_extraits": [dates_region.max()],
        "provenance": [e["provenance"].min()],
        "provenance_objectif": [o["provenance"].min()],
    })


def _p_cej_realisation_par_territoire(d, annee, **_):
    e = _entrees_cej(d, annee)
    entrees = e.assign(gj=e["dispositif"] == "GJ", cej=e["dispositif"] == "CEJ").groupby("code_ml").agg(
        nb_entrees_gj=("gj", "sum"), nb_entrees_cej=("cej", "sum"))
    o = d["objectifs_cej"]
    objectifs = o[o["annee"] == annee].groupby("code_ml")["objectif"].sum().rename("objectif_cej")
    ml = (d["missions_locales"][["code_ml", "nom", "departement"]]
          .join(entrees, on="code_ml").join(objectifs, on="code_ml"))
    ml[["nb_entrees_gj", "nb_entrees_cej"]] = ml[["nb_entrees_gj", "nb_entrees_cej"]].fillna(0)
    noms_dep = d["departements"].set_index("code_departement")["nom"]

    def objectif(x):  # known only when every Mission Locale of the group has one
        return x["objectif_cej"].sum() if x["objectif_cej"].notna().all() else np.nan

    lignes = [{"niveau": "region", "code": "Normandie", "libelle": "Normandie", "libelle_court": "Normandie",
               "departement": None, "nb_entrees_gj": ml["nb_entrees_gj"].sum(),
               "nb_entrees_cej": ml["nb_entrees_cej"].sum(), "objectif_cej": objectif(ml)}]
    for dep, x in ml.groupby("departement"):
        nom = noms_dep.get(dep)
        lignes.append({"niveau": "departement", "code": dep, "libelle": f"{nom} ({dep})" if nom else None,
                       "libelle_court": nom, "departement": dep, "nb_entrees_gj": x["nb_entrees_gj"].sum(),
                       "nb_entrees_cej": x["nb_entrees_cej"].sum(), "objectif_cej": objectif(x)})
    court = ml["nom"].str.replace(PREFIXE_ML, "", n=1, regex=True)
    for r, c in zip(ml.itertuples(), court):
        lignes.append({"niveau": "mission_locale", "code": r.code_ml, "libelle": r.nom, "libelle_court": c,
                       "departement": r.departement, "nb_entrees_gj": r.nb_entrees_gj,
                       "nb_entrees_cej": r.nb_entrees_cej, "objectif_cej": r.objectif_cej})
    df = pd.DataFrame(lignes)
    df["nb_entrees"] = df["nb_entrees_gj"] + df["nb_entrees_cej"]
    df["realisation_pct"] = 100.0 * df["nb_entrees"] / df["objectif_cej"].replace(0, np.nan)
    df["provenance"] = e["provenance"].min()
    df["ordre"] = df["niveau"].map(ORDRE_NIVEAUX)
    df = df.sort_values(["ordre", "departement", "code"])
    return df[["niveau", "code", "libelle", "libelle_court", "departement", "nb_entrees_gj", "nb_entrees_cej",
               "nb_entrees", "objectif_cej", "realisation_pct", "provenance"]]


def _entrants(d, annee) -> pd.DataFrame:
    """Entrants into the GJ or the CEJ of the year, one row per young person and Mission Locale: sex and QPV
    from `jeunes`, a training action that year in any Mission Locale."""
    e = _annee(d["entrees_dispositif"], annee)
    entrants = e.loc[e["dispositif"].isin(["GJ", "CEJ"]), ["id_jeune", "code_ml"]].drop_duplicates()
    j = _annee(d["jeunes"], annee)
    entrants = entrants.merge(j[["id_jeune", "sexe", "qpv"]], on="id_jeune", how="left")
    s = _annee(d["situations"], annee)
    entrants["en_formation"] = entrants["id_jeune"].isin(s.loc[s["type"] == "formation", "id_jeune"])
    return entrants


def _comptes_entrants(x: pd.DataFrame) -> dict:
    """The entrants of a perimeter counted once per young person."""
    x = x.drop_duplicates("id_jeune")
    return {"nb_entrants": len(x), "nb_femmes": int(x["sexe"].eq("F").sum()),
            "nb_hommes": int(x["sexe"].eq("H").sum()), "nb_qpv": int(x["qpv"].eq(True).sum()),
            "nb_en_formation": int(x["en_formation"].sum())}


def _p_cej_profil_entrants_par_territoire(d, annee, **_):
    """The entrants (young people, once each) and how many are women, men, live in a QPV, had a training action,
    for every Mission Locale, department and the region; every territory a row."""
    entrants = _entrants(d, annee).merge(d["missions_locales"][["code_ml", "departement"]], on="code_ml")
    comptes = _comptes_entrants
    lignes = [{"niveau": "region", "code": "Normandie", **comptes(entrants)}]
    lignes += [{"niveau": "departement", "code": dep, **comptes(x)} for dep, x in entrants.groupby("departement")]
    lignes += [{"niveau": "mission_locale", "code": ml, **comptes(x)} for ml, x in entrants.groupby("code_ml")]
    mesures = ["nb_entrants", "nb_femmes", "nb_hommes", "nb_qpv", "nb_en_formation"]
    df = _grille_territoires(d)[["niveau", "code", "departement"]].merge(
        pd.DataFrame(lignes, columns=["niveau", "code", *mesures]), on=["niveau", "code"], how="left")
    df[mesures] = df[mesures].fillna(0).astype("int64")
    return _trier_niveaux(df)[["niveau", "departement", "code", *mesures]]


def _p_emploi_formation_par_territoire(d, annee, **_):
    """Young people with a work contract, an alternance, a training action (distinct young people per
    territory), contracts and actions, for the region, each department and each Mission Locale."""
    s = _annee(d["situations"], annee).merge(d["missions_locales"][["code_ml", "departement"]], on="code_ml")
    emploi, formation = s["type"] == "emploi", s["type"] == "formation"
    s = s.assign(
        region="Normandie",
        nb_contrats_cdi=emploi & (s["sous_type"] == "CDI"),
        nb_contrats_cdd=emploi & (s["sous_type"] == "CDD"),
        nb_contrats_interim=emploi & (s["sous_type"] == "interim"),
        nb_contrats=emploi,
        nb_actions_region=formation & (s["sous_type"] == "region"),
        nb_actions_autre=formation & (s["sous_type"] != "region"),
        nb_actions=formation,
    )
    sommes = ["nb_contrats_cdi", "nb_contrats_cdd", "nb_contrats_interim", "nb_contrats", "nb_actions_region",
              "nb_actions_autre", "nb_actions"]
    parts = []
    for niveau, cle in (("region", "region"), ("departement", "departement"), ("mission_locale", "code_ml")):
        g = s.groupby(cle)[sommes].sum()
        for type_ in TYPES_SITUATION:
            g[f"nb_jeunes_{type_}"] = s[s["type"] == type_].groupby(cle)["id_jeune"].nunique()
        parts.append(g.rename_axis("code").reset_index().assign(niveau=niveau))
    comptes = pd.concat(parts, ignore_index=True)
    # every territory is a row, even one without any situation (a true 0)
    df = _grille_territoires(d).merge(comptes, on=["niveau", "code"], how="left")
    mesures = [f"nb_jeunes_{t}" for t in TYPES_SITUATION] + sommes
    df[mesures] = df[mesures].fillna(0).astype("int64")
    df["provenance"] = s["provenance"].min()
    return _trier_niveaux(df)[["niveau", "code", "libelle", "libelle_court", "departement", *mesures, "provenance"]]


def _p_emploi_situations_par_mois(d, annee, codes_ml, **_):
    s = _annee(d["situations"], annee)
    s = s[s["code_ml"].isin(codes_ml)]
    comptes = s.groupby([pd.to_datetime(s["date_debut"]).dt.month.rename("mois"), "type"]).size()
    grille = pd.MultiIndex.from_product([range(1, 13), TYPES_SITUATION], names=["mois", "type"])
    return comptes.reindex(grille, fill_value=0).rename("nb_debuts").reset_index()


def _p_emploi_debuts_par_mois_par_mission_locale(d, annee, **_):
    """Starts by month and type for every Mission Locale (a true 0 is a row)."""
    s = _annee(d["situations"], annee)
    comptes = s.groupby(["code_ml", pd.to_datetime(s["date_debut"]).dt.month.rename("mois"), "type"]).size()
    ml = d["missions_locales"].sort_values("code_ml")
    grille = pd.MultiIndex.from_product([ml["code_ml"], range(1, 13), TYPES_SITUATION],
                                        names=["code_ml", "mois", "type"])
    df = comptes.reindex(grille, fill_value=0).rename("nb_debuts").reset_index()
    df = df.merge(ml[["code_ml", "departement"]], on="code_ml", how="left")
    return df[["code_ml", "departement", "mois", "type", "nb_debuts"]]


EQUIVALENTS_PANDAS = {
    "carte_lieux_accueil": _p_carte_lieux_accueil,
    "cej_entrees_par_mois_par_mission_locale": _p_cej_entrees_par_mois_par_mission_locale,
    "cej_objectif_atteint": _p_cej_objectif_atteint,
    "cej_profil_entrants_par_territoire": _p_cej_profil_entrants_par_territoire,
    "cej_realisation_par_territoire": _p_cej_realisation_par_territoire,
    "chiffres_regionaux_extraits": _p_chiffres_regionaux_extraits,
    "coordonnees_missions_locales": _p_coordonnees_missions_locales,
    "emploi_debuts_par_mois_par_mission_locale": _p_emploi_debuts_par_mois_par_mission_locale,
    "emploi_formation_par_territoire": _p_emploi_formation_par_territoire,
    "emploi_situations_par_mois": _p_emploi_situations_par_mois,
    "extraits_annees": _p_extraits_annees,
    "indicateurs_publies": _p_indicateurs_publies,
    "jeunes_par_niveau_territoire_region": _p_jeunes_par_niveau_territoire_region,
    "jeunes_par_territoire": _p_jeunes_par_territoire,
    "publics_effectifs": _p_publics_effectifs,
    "provenance_des_extraits": _p_provenance_des_extraits,
    "publics_repartitions": _p_publics_repartitions,
    "publics_repartitions_par_territoire": _p_publics_repartitions_par_territoire,
    "territoire_cej": _p_territoire_cej,
    "territoire_jeunes": _p_territoire_jeunes,
    "territoire_methodes": _p_territoire_methodes,
    "territoire_population": _p_territoire_population,
    "territoires_normandie": _p_territoires_normandie,
}
