"""Publics accompagnés: age, qualification, sex, QPV/ZRR, housing and RQTH of the young people supported,
for the chosen territory beside the region. Draws only: data from queries/publics_*.sql."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from observatoire import charts, db, filtres, formats, modele, publies, secret, secret_territoires, ui
from observatoire import thematiques as th
from observatoire.provenance import SOURCE_RAPPORT, Provenance

ui.entete(
    "Publics accompagnés",
    "Qui sont les jeunes accompagnés par les Missions Locales ? Leur âge, leur niveau de qualification, "
    "leur sexe, leur lieu de vie, leur logement et leur handicap, pour le territoire choisi à côté de "
    "la Normandie.",
)
f = filtres.barre_laterale()
if f.provenance == Provenance.DEMO:
    ui.avertir_demo()

NORMANDIE = "Normandie"
COMPARER = not f.est_region
# How a sentence opens for the territory shown: « En Normandie, … », « Dans l'Eure, … », « À la Mission Locale …, … ».
PREFIXE = f.dans[0].upper() + f.dans[1:]
TOUS = publies.tous()
# Secrecy: the cells of the year's reference mask (observatoire/secret_territoires.py), looked up by territory,
# the same as on every other page and for every other territory (a department minus its other Missions
# Locales gives no hidden cell back).
CODES = {"territoire": f.code, "region": NORMANDIE}

# Published figures a regional cell of this page equals (tests/test_demo.py checks the equality over the
# demonstration extracts): (dimension, modality, 'part' | 'nb') -> id in indicateurs_publies.csv.
PUBLIES = {
    ("tranche_age", "16-17", "part"): "publics_part_age_16_17",
    ("tranche_age", "18-20", "part"): "publics_part_age_18_20",
    ("tranche_age", "21-23", "part"): "publics_part_age_21_23",
    ("tranche_age", "24+", "part"): "publics_part_age_24_plus",
    ("niveau", "sans_diplome", "part"): "publics_part_sans_diplome",
    ("niveau", "sans_diplome", "nb"): "publics_nb_sans_diplome",
    ("niveau", "cap_bep", "part"): "publics_part_cap_bep",
    ("niveau", "bac", "part"): "publics_part_bac",
    ("niveau", "bac", "nb"): "publics_nb_bac",
    ("niveau", "superieur", "part"): "publics_part_diplome_superieur",
    ("sexe", "F", "part"): "publics_part_femmes",
    ("sexe", "H", "part"): "publics_part_hommes",
    ("qpv", "oui", "part"): "publics_part_qpv",
    ("zrr", "oui", "part"): "publics_part_zrr",
    ("logement", "autonome", "part"): "logement_autonome_part",
    ("logement", "autonome", "nb"): "logement_autonome",
    ("logement", "parents_famille", "part"): "logement_parents_famille_part",
    ("logement", "parents_famille", "nb"): "logement_parents_famille",
    ("logement", "precaire", "part"): "logement_precaire_part",
    ("logement", "precaire", "nb"): "logement_precaire",
    ("rqth", "oui", "part"): "handicap_part_rqth",
    ("rqth", "oui", "nb"): "handicap_rqth_nb_estime",
}
PUBLIES_2021 = {("rqth", "oui", "part"): "handicap_part_rqth_2021"}


def publie(dimension: str, modalite: str, mesure: str):
    """The published (or derived) figure a regional cell equals, for the year shown, if any.
    Only over demonstration extracts: real extracts are shown as computed, whatever the report says."""
    if f.provenance != Provenance.DEMO:
        return None
    table = PUBLIES if f.annee == 2022 else PUBLIES_2021 if f.annee == 2021 else {}
    ind = TOUS.get(table.get((dimension, modalite, mesure), ""))
    return ind if ind is not None and ind.annee == f.annee else None


def noter_affiches(ids: list[str]) -> None:
    for i in ids:
        publies.indicateur(i)  # records the figure as shown (the tests check that every figure is)


def pct(x) -> str:
    return secret.SECRET if pd.isna(x) else formats.pourcentage(x, 1)


def prov_ligne(dimension: str, perimetre: str, modalite: str) -> str:
    """Provenance said per row of a data table."""
    if perimetre == "territoire" and COMPARER:
        return f.provenance.libelle
    part, nb = publie(dimension, modalite, "part"), publie(dimension, modalite, "nb")
    if part and nb:
        return f"{part.provenance.libelle} – {part.source}"
    if part:
        return f"part : {part.provenance.libelle} – {part.source} ; effectif : {f.provenance.libelle}"
    return f.provenance.libelle


def provenance_graphique(dimension: str, modalites: list[str]) -> tuple[Provenance, str, str | None]:
    """Badge, source and note of a chart: published when the region alone is shown and each of its
    shares is a published figure; otherwise the extracts' provenance, with a note on the region."""
    inds = [publie(dimension, m, "part") for m in modalites]
    if inds and all(inds):
        sections = ", ".join(dict.fromkeys(i.source for i in inds))
        noter_affiches([i.id for i in inds] + [i.id for m in modalites if (i := publie(dimension, m, "nb"))])
        if not COMPARER:
            return inds[0].provenance, f"{SOURCE_RAPPORT} – {sections}", None
        return (*provenance_extraits()[:2], f"Normandie : parts publiées dans le rapport 2022 ({sections})")
    return provenance_extraits()


def provenance_extraits() -> tuple[Provenance, str, None]:
    source = ("Extraits du système d'information des Missions Locales" if f.provenance == Provenance.EXTRAITS
              else "Données de démonstration (extraits générés par l'observatoire)")
    return f.provenance, source, None


def preparer(df: pd.DataFrame, dimension: str, ordre: list[str]) -> pd.DataFrame:
    """Secrecy first (counts and their shares, from the reference mask), then French labels and the chart's columns."""
    if not COMPARER:
        df = df[df["perimetre"] == "region"]
    g = secret_territoires.repartitions(df.reset_index(drop=True), f.annee, CODES).drop(columns="dimension")
    g["perimetre_libelle"] = g["perimetre"].map({"territoire": f.libelle, "region": NORMANDIE})
    libelles = modele.LIBELLES.get(dimension, {})
    g["modalite_libelle"] = g["modalite"].map(lambda m: libelles.get(m, {"non_renseigne": "Non renseigné"}.get(m, m)))
    g["part"] = g["part_pct"] / 100  # fraction: the chart formats it with the French locale (".1%")
    g["ordre"] = g["modalite"].map({m: i for i, m in enumerate(ordre)}).fillna(len(ordre))
    return g.sort_values(["perimetre", "ordre"], ascending=[False, True], ignore_index=True)


def graphique(g: pd.DataFrame, titre_axe: str = "Part des jeunes accompagnés") -> alt.Chart:
    """Horizontal bars of shares, the territory beside the region; "secret" written where a bar is hidden."""
    ordre_y = list(dict.fromkeys(g.sort_values("ordre")["modalite_libelle"]))
    ordre_p = [f.libelle, NORMANDIE] if COMPARER else [NORMANDIE]
    couleurs = [charts.BLEU, "#9aa5b1"] if COMPARER else [charts.BLEU]
    base = alt.Chart(g).encode(
        y=alt.Y("modalite_libelle:N", sort=ordre_y, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("perimetre_libelle:N", sort=ordre_p, title=None,
                        scale=alt.Scale(domain=ordre_p, range=couleurs),
                        legend=alt.Legend(orient="bottom") if COMPARER else None),
        tooltip=[alt.Tooltip("perimetre_libelle:N", title="Territoire"),
                 alt.Tooltip("modalite_libelle:N", title="Catégorie"),
                 alt.Tooltip("nb_jeunes:Q", title="Jeunes", format=",d"),
                 alt.Tooltip("part:Q", title="Part", format=".1%")],
    )
    if COMPARER:
        base = base.encode(yOffset=alt.YOffset("perimetre_libelle:N", sort=ordre_p))
    x = alt.X("part:Q", title=titre_axe, axis=alt.Axis(format=".0%", tickCount=6),
              scale=alt.Scale(domain=[0, min(1.0, max(0.1, float(g["part"].max(skipna=True) or 0) * 1.25))]))
    barres = base.mark_bar().encode(x=x)
    valeurs = base.mark_text(align="left", dx=4, color="#1a1a1a").encode(
        x=x, text=alt.Text("part:Q", format=".1%")).transform_filter("isValid(datum.part)")
    couches = [barres, valeurs]
    if g["part"].isna().any():  # a layer costs Altair time at every page view: only when a bar is hidden
        couches.append(base.mark_text(align="left", dx=4, color=charts.ORANGE, fontStyle="italic").encode(
            x=alt.datum(0), text=alt.value(secret.SECRET)).transform_filter("!isValid(datum.part)"))
    # The app fits the whole chart (axes and legend included) in this height: room for each bar, then the rest.
    n = g["modalite_libelle"].nunique() * (2 if COMPARER else 1)
    return alt.layer(*couches).properties(height=22 * n + 50 + (30 if COMPARER else 0))


def tableau(g: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The data table under a chart, in French, secret cells written "secret"."""
    return pd.DataFrame({
        "Territoire": g["perimetre_libelle"],
        "Catégorie": g["modalite_libelle"],
        "Jeunes accompagnés": [secret.SECRET if pd.isna(n) else formats.nombre(n) for n in g["nb_jeunes"]],
        "Part": [pct(p) for p in g["part_pct"]],
        "Provenance": [prov_ligne(dimension, p, m) for p, m in zip(g["perimetre"], g["modalite"])],
    })


def part_de(g: pd.DataFrame, perimetre: str, modalite: str):
    ligne = g[(g["perimetre"] == perimetre) & (g["modalite"] == modalite)]
    return ligne["part_pct"].iloc[0] if len(ligne) else float("nan")


PARLANTES = [(50.0, "un jeune accompagné sur deux"), (33.3, "un jeune accompagné sur trois"),
             (25.0, "un jeune accompagné sur quatre"), (20.0, "un jeune accompagné sur cinq"),
             (10.0, "un jeune accompagné sur dix"), (66.7, "deux jeunes accompagnés sur trois"),
             (75.0, "trois jeunes accompagnés sur quatre")]


def parlante(p: float) -> str | None:
    """'un jeune accompagné sur deux' for 50,5 %: a share said in words when it is close to a simple fraction."""
    if pd.isna(p):
        return None
    for valeur, texte in PARLANTES:
        if abs(p - valeur) <= 0.03 * valeur:
            return texte
    return None


def comparaison(g: pd.DataFrame, modalite: str) -> str:
    if not COMPARER:
        return ""
    return f", contre {pct(part_de(g, 'region', modalite))} en Normandie"


def principal() -> str:
    return "territoire" if COMPARER else "region"


def repartition(dimension: str, annee: int | None = None) -> pd.DataFrame:
    """One breakdown of the year's young people (queries/publics_repartitions.sql), territory and region."""
    df = db.requete("publics_repartitions", annee=annee or f.annee, codes_ml=list(f.codes_ml))
    return df[df["dimension"] == dimension].reset_index(drop=True)


def section(titre: str, dimension: str, ordre: list[str], lecture, cle: str) -> None:
    g = preparer(repartition(dimension), dimension, ordre)
    prov, source, note = provenance_graphique(dimension, ordre)
    # The published shares' caveats (the sex split's uncertain pairing, shown in a caption) go into the files.
    inds = [i for m in ordre if (i := publie(dimension, m, "part")) is not None]
    charts.afficher(graphique(g), titre=titre, donnees=tableau(g, dimension), lecture=lecture(g),
                    provenance=prov, source=source, cle=cle, note=note, avertissements=th.avertissements(inds))


# --- headline figures --------------------------------------------------------------------------------

eff = db.requete("publics_effectifs", **f.params).set_index("perimetre")
c1, c2 = st.columns(2)
ids_cartes = {2022: ("jeunes_accompagnes", "premiers_accueils"),
              2021: ("jeunes_accompagnes_2021", "premiers_accueils_2021")}.get(f.annee)
for col, (mesure, libelle, idx) in zip((c1, c2), (("nb_jeunes", "Jeunes accompagnés", 0),
                                                  ("nb_premiers_accueils", "Jeunes en premier accueil", 1))):
    with col:
        if f.est_region and ids_cartes and f.provenance == Provenance.DEMO:
            ui.carte_publiee(publies.indicateur(ids_cartes[idx]), libelle=f"{libelle} en {f.annee}")
            continue
        n_terr, n_reg = eff.loc["territoire", mesure], eff.loc["region", mesure]
        # the reference mask knows the pair (first welcomes, the others) that the total shown beside it makes
        texte = secret_territoires.texte(f.annee, f.code, mesure, n_terr)
        # The region's figure beside it says where it comes from too (published, derived, or computed).
        ind_reg = (publies.indicateur(ids_cartes[idx])
                   if ids_cartes and f.provenance == Provenance.DEMO and not f.est_region else None)
        complement = None
        if not f.est_region:
            complement = (f"Normandie : **{ind_reg.texte}** ({ind_reg.provenance.libelle})" if ind_reg
                          else f"Normandie : **{secret_territoires.texte(f.annee, NORMANDIE, mesure, n_reg)}** "
                               f"({f.provenance.libelle})")
        ui.carte(f"{libelle} en {f.annee} — {f.libelle}", texte, f.provenance,
                 "Données de démonstration" if f.provenance == Provenance.DEMO else "Extraits I-Milo",
                 complement=complement)

# --- age --------------------------------------------------------------------------------------------


def lecture_age(g: pd.DataFrame) -> str:
    p = principal()
    lignes = g[g["perimetre"] == p]
    if lignes["part_pct"].isna().any():
        return f"{PREFIXE}, certaines tranches d'âge sont couvertes par le secret statistique."
    top = lignes.loc[lignes["part_pct"].idxmax()]
    return (f"{PREFIXE}, les {top['modalite_libelle']} forment la tranche la plus nombreuse des jeunes "
            f"accompagnés : {pct(top['part_pct'])}{comparaison(g, top['modalite'])} ; les mineurs (16-17 ans) "
            f"en représentent {pct(part_de(g, p, '16-17'))}.")


section("Âge des jeunes accompagnés", "tranche_age", list(modele.TRANCHES_AGE),
        lecture_age, "publics_age")


def lecture_niveau(g: pd.DataFrame) -> str:
    p = part_de(g, principal(), "sans_diplome")
    if pd.isna(p):
        return f"{PREFIXE}, le nombre de jeunes sans diplôme est couvert par le secret statistique."
    mots = parlante(p)
    debut = f"{mots} ({pct(p)}) est sans diplôme" if mots else f"{pct(p)} des jeunes accompagnés sont sans diplôme"
    sup = part_de(g, principal(), "superieur")
    return f"{PREFIXE}, {debut}{comparaison(g, 'sans_diplome')} ; {pct(sup)} ont un diplôme du supérieur."


section("Niveau de qualification", "niveau", list(modele.NIVEAUX), lecture_niveau,
        "publics_niveau")


def lecture_sexe(g: pd.DataFrame) -> str:
    pf, ph = part_de(g, principal(), "F"), part_de(g, principal(), "H")
    if pd.isna(pf) or pd.isna(ph):
        return f"{PREFIXE}, la répartition par sexe est couverte par le secret statistique."
    majo, p = ("hommes", ph) if ph >= pf else ("femmes", pf)
    incertain = " (appariement incertain, voir la note)" if f.provenance == Provenance.DEMO else ""
    return (f"{PREFIXE}, les {majo} sont majoritaires : {pct(p)} des jeunes accompagnés"
            f"{comparaison(g, 'H' if majo == 'hommes' else 'F')}{incertain}.")


section("Sexe", "sexe", list(modele.SEXES), lecture_sexe, "publics_sexe")
_femmes, _hommes = publies.indicateur("publics_part_femmes").texte, publies.indicateur("publics_part_hommes").texte
st.caption(f"Le rapport 2022 publie «\u202f{_femmes}\u202f» et «\u202f{_hommes}\u202f» sans dire lequel correspond aux "
           f"femmes : l'observatoire retient {_femmes} de femmes et {_hommes} d'hommes. Cet appariement est incertain.")

# --- QPV / ZRR (one line per indicator: yes/no pairs for secrecy, 'yes' shown) -------------------------

qz = pd.concat([repartition(d).assign(indicateur=d) for d in ("qpv", "zrr")], ignore_index=True)
if not COMPARER:
    qz = qz[qz["perimetre"] == "region"]
gqz = secret_territoires.repartitions(qz.reset_index(drop=True), f.annee, CODES).drop(columns="dimension")
gqz = gqz[gqz["modalite"] == "oui"].copy()
gqz["modalite"] = gqz["indicateur"]
gqz["perimetre_libelle"] = gqz["perimetre"].map({"territoire": f.libelle, "region": NORMANDIE})
gqz["modalite_libelle"] = gqz["indicateur"].map({"qpv": "Quartier prioritaire de la politique de la ville (QPV)",
                                                 "zrr": "Zone de revitalisation rurale (ZRR)"})
gqz["part"] = gqz["part_pct"] / 100
gqz["ordre"] = gqz["indicateur"].map({"qpv": 0, "zrr": 1})
gqz = gqz.sort_values(["perimetre", "ordre"], ascending=[False, True], ignore_index=True)


def lecture_qpv(g: pd.DataFrame) -> str:
    pq, pz = part_de(g, principal(), "qpv"), part_de(g, principal(), "zrr")
    texte = (f"{PREFIXE}, {pct(pq)} des jeunes accompagnés vivent dans un quartier prioritaire de la politique "
             f"de la ville et {pct(pz)} dans une zone de revitalisation rurale")
    if COMPARER:
        texte += f" (Normandie : {pct(part_de(g, 'region', 'qpv'))} et {pct(part_de(g, 'region', 'zrr'))})"
    return texte + "."


prov, source, note = provenance_extraits()
inds = [publie("qpv", "oui", "part"), publie("zrr", "oui", "part")]
if all(inds):
    noter_affiches([i.id for i in inds])
    if COMPARER:
        note = f"Normandie : parts publiées dans le rapport 2022 ({inds[0].source})"
    else:
        prov, source = inds[0].provenance, f"{SOURCE_RAPPORT} – {inds[0].source}"
tqz = tableau(gqz, "qpv_zrr")
tqz["Provenance"] = [prov_ligne(m, p, "oui") for p, m in zip(gqz["perimetre"], gqz["indicateur"])]
charts.afficher(graphique(gqz), titre="Quartiers prioritaires (QPV) et zones de revitalisation rurale (ZRR)",
                donnees=tqz, lecture=lecture_qpv(gqz), provenance=prov, source=source, cle="publics_qpv_zrr",
                note=note)

# --- housing ----------------------------------------------------------------------------------------


def lecture_logement(g: pd.DataFrame) -> str:
    p = part_de(g, principal(), "parents_famille")
    if pd.isna(p):
        return f"{PREFIXE}, la situation de logement est couverte par le secret statistique."
    mots = parlante(p)
    debut = f"{mots} ({pct(p)}) sont hébergés" if mots else f"{pct(p)} des jeunes accompagnés sont hébergés"
    return (f"{PREFIXE}, {debut} par leurs parents ou leur famille{comparaison(g, 'parents_famille')} ; "
            f"{pct(part_de(g, principal(), 'precaire'))} sont en précarité ou en situation complexe.")


section("Situation de logement", "logement", list(modele.LOGEMENTS), lecture_logement,
        "publics_logement")

# --- RQTH, with the year before when present ----------------------------------------------------------

annees_rqth = [a for a in (f.annee - 1, f.annee) if a in set(filtres.annees()["annee"].astype(int))]
morceaux = []
for a in annees_rqth:
    d = repartition("rqth", annee=a)
    if not COMPARER:
        d = d[d["perimetre"] == "region"]
    d = secret_territoires.repartitions(d.reset_index(drop=True), a, CODES).drop(columns="dimension")
    morceaux.append(d[d["modalite"] == "oui"].assign(annee=a))
rq = pd.concat(morceaux, ignore_index=True)
rq["perimetre_libelle"] = rq["perimetre"].map({"territoire": f.libelle, "region": NORMANDIE})
rq["modalite_libelle"] = rq["annee"].astype(str)
rq["modalite"] = "oui"
rq["part"] = rq["part_pct"] / 100
rq["ordre"] = rq["annee"]
rq = rq.sort_values(["perimetre", "annee"], ascending=[False, True], ignore_index=True)


def lecture_rqth(g: pd.DataFrame) -> str:
    cur = g[(g["perimetre"] == principal()) & (g["annee"] == f.annee)].iloc[0]
    if pd.isna(cur["part_pct"]):
        return f"{PREFIXE}, le nombre de jeunes reconnus travailleurs handicapés est couvert par le secret statistique."
    texte = (f"{PREFIXE}, {pct(cur['part_pct'])} des jeunes accompagnés sont reconnus travailleurs handicapés "
             f"en {f.annee}, soit {formats.nombre(cur['nb_jeunes'])} jeunes")
    estime = publie("rqth", "oui", "nb") if cur["perimetre"] == "region" else None
    if estime is not None:  # the report gives the share only: the count is derived from it, and says so
        texte = (f"{PREFIXE}, {pct(cur['part_pct'])} des jeunes accompagnés sont reconnus travailleurs handicapés "
                 f"en {f.annee}, soit environ {estime.texte} jeunes (estimation dérivée des chiffres publiés : "
                 f"{publies.indicateur('handicap_part_rqth').texte} × "
                 f"{publies.indicateur('jeunes_accompagnes').texte})")
    avant = g[(g["perimetre"] == principal()) & (g["annee"] == f.annee - 1)]
    if len(avant):
        texte += f", contre {pct(avant['part_pct'].iloc[0])} en {f.annee - 1}"
    return texte + "."


def prov_rqth(perimetre: str, annee: int) -> str:
    if perimetre == "territoire" and COMPARER:
        return f.provenance.libelle
    table = PUBLIES if annee == 2022 else PUBLIES_2021 if annee == 2021 else {}
    ind = TOUS.get(table.get(("rqth", "oui", "part"), "")) if f.provenance == Provenance.DEMO else None
    if ind:
        noter_affiches([ind.id])
        return f"part : {ind.provenance.libelle} – {ind.source} ; effectif : {f.provenance.libelle}"
    return f.provenance.libelle


trq = pd.DataFrame({
    "Territoire": rq["perimetre_libelle"], "Année": rq["annee"].astype(str),
    "Jeunes reconnus travailleurs handicapés": [secret.SECRET if pd.isna(n) else formats.nombre(n)
                                                 for n in rq["nb_jeunes"]],
    "Part des jeunes accompagnés": [pct(p) for p in rq["part_pct"]],
    "Provenance": [prov_rqth(p, a) for p, a in zip(rq["perimetre"], rq["annee"])],
})
inds = [ind for a in annees_rqth
        if (ind := TOUS.get((PUBLIES if a == 2022 else PUBLIES_2021).get(("rqth", "oui", "part"), "")))
        and f.provenance == Provenance.DEMO]
if len(inds) == len(annees_rqth) and not COMPARER:
    prov, source, note = inds[0].provenance, f"{SOURCE_RAPPORT} – {inds[0].source}", None
else:
    prov, source, _ = provenance_extraits()
    note = f"Normandie : parts publiées dans le rapport 2022 ({inds[0].source})" if inds and COMPARER else None
charts.afficher(graphique(rq, "Part des jeunes reconnus travailleurs handicapés"),
                titre="Jeunes reconnus travailleurs handicapés (RQTH)", donnees=trq, lecture=lecture_rqth(rq),
                provenance=prov, source=source, cle="publics_rqth", note=note)

with st.expander("Définitions"):
    jeunes = modele.TABLES["jeunes"]
    st.markdown(f"**Jeune accompagné** : {jeunes.definition}")
    for nom in ("premier_accueil", "tranche_age", "niveau", "qpv", "zrr", "logement", "rqth"):
        st.markdown(f"**{nom}** : {jeunes.colonne(nom).definition}")
    st.markdown(f"**Secret statistique** : un effectif de 1 à {secret.seuil_actif() - 1} jeunes calculé sur des "
                "extraits n'est jamais affiché (« secret »), ni la part qui en découle ; une seconde case est "
                "masquée quand un total permettrait de retrouver la première.")
