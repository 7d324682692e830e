"""Emploi & formation: the report's figures on employment, alternance (two published figures, two scopes),
training, sponsorship and the « 1 par 1 » week; then, from the extracts, the chosen territory beside the
others (contracts by type, young people by situation, training funded by the Region, starts by month).
Draws only: data from queries/emploi_*.sql, secrecy of nested territories from the year's reference mask
(observatoire/secret_territoires.py)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from observatoire import charts, db, filtres, formats, modele, publies, secret, secret_territoires, ui
from observatoire.vue import telechargements
from observatoire import thematiques as th
from observatoire.provenance import SOURCE_RAPPORT, Provenance

ui.entete(
    "Emploi & formation",
    "Les Missions Locales accompagnent les jeunes vers l'emploi, l'alternance et la formation. Voici ce que "
    "publie le rapport d'activité 2022, puis, pour le territoire choisi, ce que disent les extraits.",
)
# the figures computed here rest on the situations (contracts, training) of the young people supported
f = filtres.barre_laterale().sur_tables("jeunes", "situations")
p = publies.indicateur
DEJA = set()


def carte(id_: str, libelle: str | None = None, complement: str | None = None) -> None:
    DEJA.add(id_)
    ui.carte_publiee(p(id_), libelle=libelle, complement=complement)


def rangee(cartes: list[tuple], colonnes: int = 3) -> None:
    cols = st.columns(colonnes)
    for i, args in enumerate(cartes):
        with cols[i % colonnes]:
            carte(*args)


# --- the report's figures -------------------------------------------------------------------------------

st.header("Les chiffres publiés du rapport 2022", divider="gray")
st.subheader("Emploi")
rangee([
    ("emploi_observatoire_jeunes_entres_emploi", "Jeunes entrés en emploi (page Observatoire)",
     f"Section Emploi : **{p('emploi_jeunes_entres_entreprise').texte}** jeunes entrés en entreprise, même chiffre"),
    ("emploi_observatoire_contrats_hors_alternance", "Contrats de travail signés hors alternance"),
    ("emploi_part_interim", "Part des contrats relevant du travail temporaire (intérim)"),
])
DEJA.add("emploi_jeunes_entres_entreprise")

st.subheader("Alternance : deux chiffres publiés, deux périmètres")
alt_obs, alt_emploi = p("emploi_observatoire_jeunes_alternance"), p("emploi_jeunes_alternance")
rangee([
    ("emploi_observatoire_jeunes_alternance", "Jeunes entrés en alternance — page Observatoire"),
    ("emploi_jeunes_alternance", "Jeunes entrés en entreprise en alternance — section Emploi"),
    ("emploi_alternance_orientes", "Jeunes orientés vers l'alternance (« près de 2500 ») — section Emploi",
     f"soit **{formats.variation(p('emploi_alternance_hausse_2018').valeur, 0)}** par rapport à 2018 "
     f"(environ {p('emploi_alternance_orientes_2018').texte} jeunes en 2018, ordre de grandeur dérivé)"),
])
# the 2018 comparison stays in the table below too, with its own provenance (the 2018 figure is derived)
st.markdown(
    f"**Pourquoi deux chiffres ?** La page *Observatoire* du rapport donne, sur des lignes séparées, "
    f"{p('emploi_observatoire_jeunes_entres_emploi').texte} jeunes entrés en emploi, "
    f"{p('emploi_observatoire_contrats_hors_alternance').texte} contrats de travail signés *hors alternance* et "
    f"{alt_obs.texte} jeunes entrés en alternance. La section *Emploi* écrit « {p('emploi_jeunes_entres_entreprise').texte} "
    f"jeunes entrés en entreprise, dont {alt_emploi.texte} en alternance ». Même total, deux nombres "
    f"d'alternants : le rapport n'explique pas l'écart de {formats.nombre(alt_obs.valeur - alt_emploi.valeur)} jeunes. "
    f"L'observatoire garde les deux chiffres, chacun avec sa section.")

st.subheader("Formation")
rangee([
    ("formation_observatoire_jeunes", "Jeunes entrés en formation",
     f"Section Formation : **{p('formation_jeunes').texte}** jeunes ont bénéficié des formations mobilisées"),
    ("formation_observatoire_actions", "Actions de formation",
     f"Section Formation : **{p('formation_actions').texte}** formations mobilisées"),
    ("formation_financees_region", "Formations financées par la Région",
     f"soit **{p('formation_part_financees_region').texte}** des formations mobilisées (dérivé : "
     f"{p('formation_financees_region').texte} ÷ {p('formation_actions').texte})"),
])
DEJA.update({"formation_jeunes", "formation_actions"})  # the derived share stays in the table
ff, fh = p("formation_part_femmes"), p("formation_part_hommes")
rangee([
    ("formation_part_femmes", "Femmes parmi les jeunes en formation",
     f"Hommes : **{fh.texte}** — appariement incertain, total de {formats.pourcentage(ff.valeur + fh.valeur)} "
     "(voir la note)"),
    ("formation_part_qpv", "Jeunes en formation résidant en QPV"),
    ("formation_part_zrr", "Jeunes en formation résidant en ZRR"),
    ("formation_part_rqth", "Jeunes en formation ayant une RQTH"),
    ("formation_part_niveau5_infra", "Jeunes en formation de niveau 5 non validé et infra",
     "libellé du rapport ; niveau 5 = CAP/BEP dans l'ancienne nomenclature (précision de l'observatoire)"),
], colonnes=3)
DEJA.add("formation_part_hommes")
st.caption(f"Note sur la répartition par sexe : {ff.note}")

st.subheader("Parrainage et semaine « 1 par 1 »")
rangee([
    ("emploi_jeunes_parraines", "Jeunes parrainés"),
    ("emploi_parraines_sorties_positives", "Sorties positives parmi les jeunes parrainés"),
])
st.markdown("**Semaine « 1 par 1 » (17 au 21 octobre 2022)** : la découverte d'un métier auprès d'un ou d'une "
            "professionnelle, pilotée par l'ARML.")
rangee([
    ("emploi_1par1_jeunes", "Jeunes participants"),
    ("emploi_1par1_professionnels", "Professionnels participants"),
    ("emploi_1par1_binomes", "Binômes jeune–professionnel"),
])

with st.expander("Tous les autres chiffres publiés sur l'emploi et la formation", expanded=True):
    autres = [i for t in ("emploi", "formation") for i in publies.du_theme(t) if i.id not in DEJA]
    ui.tableau_publies(autres)
    st.caption("Les chiffres sur le chômage des jeunes sont ceux que cite le rapport, sans territoire précisé ; "
               "ceux de Métiers 360 sont des perspectives 2023.")

# --- the chosen territory, from the extracts ----------------------------------------------------------

st.header(f"Par territoire — {f.libelle}, {f.annee}", divider="gray")
if f.provenance == Provenance.DEMO:
    ui.avertir_demo()
SOURCE = ("Extraits du système d'information des Missions Locales (table situations)"
          if f.provenance == Provenance.EXTRAITS
          else "Données de démonstration (extraits générés par l'observatoire, table situations)")
dans = f.dans
Dans = dans[0].upper() + dans[1:]

brut = db.requete("emploi_formation_par_territoire", annee=f.annee)
CONTRATS = ["nb_contrats_cdi", "nb_contrats_cdd", "nb_contrats_interim"]
ACTIONS = ["nb_actions_region", "nb_actions_autre"]
JEUNES = ["nb_jeunes_emploi", "nb_jeunes_alternance", "nb_jeunes_formation"]
# The cells of the year's reference mask: one suppression over every count shown per territory on any page,
# with contracts = CDI + CDD + interim and actions = Region + other on each row (young people of the three
# situations overlap — one may have a contract and a training —: no row total).
brut = brut.reset_index(drop=True)
masque = secret_territoires.cellules(brut, f.annee, [*CONTRATS, "nb_contrats", *ACTIONS, "nb_actions", *JEUNES])
brut["part_interim_pct"] = 100 * brut["nb_contrats_interim"] / brut["nb_contrats"].where(brut["nb_contrats"] > 0)
brut["part_region_pct"] = 100 * brut["nb_actions_region"] / brut["nb_actions"].where(brut["nb_actions"] > 0)
PARTS = {"part_interim_pct": ["nb_contrats_interim", "nb_contrats"],
         "part_region_pct": ["nb_actions_region", "nb_actions"]}
affiche = secret.appliquer_masque(brut, masque, PARTS)
graphe = secret.appliquer_masque(brut, masque, PARTS, pour_graphique=True)

niveau_ligne = "region" if f.est_region else f.niveau
choix = (affiche["niveau"] == niveau_ligne) & ((affiche["code"] == f.code) | (niveau_ligne == "region"))
ligne = affiche[choix].iloc[0]


def n(v) -> str:
    return secret.formater(v)


def pct(v) -> str:
    return v if secret.est_secret(v) else "–" if pd.isna(v) else formats.pourcentage(v, 1)


vide = int(brut.loc[brut["niveau"] == "region", "nb_contrats"].iloc[0]) == 0 and \
    int(brut.loc[brut["niveau"] == "region", "nb_actions"].iloc[0]) == 0
if vide:
    st.info(f"Les extraits de {f.annee} ne contiennent aucune situation (emploi, alternance, formation).",
            icon=":material/info:")

cols = st.columns(3)
cartes_territoire = [
    (f"Jeunes entrés en emploi {dans}", n(ligne["nb_jeunes_emploi"]),
     f"**{n(ligne['nb_contrats'])}** contrats hors alternance, dont **{pct(ligne['part_interim_pct'])}** en intérim"),
    (f"Jeunes entrés en alternance {dans}", n(ligne["nb_jeunes_alternance"]), None),
    (f"Jeunes entrés en formation {dans}", n(ligne["nb_jeunes_formation"]),
     f"**{n(ligne['nb_actions'])}** actions, dont **{pct(ligne['part_region_pct'])}** financées par la Région"),
]
for col, (libelle, valeur, complement) in zip(cols, cartes_territoire):
    with col:
        ui.carte(libelle, valeur, f.provenance, SOURCE, complement=complement)

# Which territories to compare: the departments for the region, else the Missions Locales of the department.
if f.est_region:
    comparees = graphe[graphe["niveau"].isin(["region", "departement"])]
    comparees_aff = affiche[affiche["niveau"].isin(["region", "departement"])]
    quoi = "département"
else:
    dep = f.code if f.niveau == "departement" else brut.loc[brut["code"] == f.code, "departement"].iloc[0]
    garder = (graphe["niveau"] == "region") | (graphe["code"] == dep) | \
        ((graphe["niveau"] == "mission_locale") & (graphe["departement"] == dep))
    comparees, comparees_aff = graphe[garder], affiche[garder]
    quoi = "Mission Locale"
comparees = comparees.reset_index(drop=True)
comparees_aff = comparees_aff.reset_index(drop=True)
ordre_territoires = comparees["libelle_court"].tolist()
choisi = {f.code} if not f.est_region else set()


# Chart 1: contracts by type, as shares of each territory's contracts.
LIB_TYPES = {"nb_contrats_cdi": "CDI", "nb_contrats_cdd": "CDD", "nb_contrats_interim": "Intérim"}
long = comparees.melt(id_vars=["code", "libelle", "libelle_court", "niveau", "nb_contrats", "secret"],
                      value_vars=CONTRATS, var_name="col", value_name="nb")
long["type_contrat"] = long["col"].map(LIB_TYPES)
long["part"] = long["nb"] / long["nb_contrats"]
long["ordre"] = long["col"].map({c: i for i, c in enumerate(CONTRATS)})
c_contrats = alt.Chart(long).mark_bar().encode(
    y=alt.Y("libelle_court:N", sort=ordre_territoires, title=None, scale=alt.Scale(paddingInner=0.25),
            axis=alt.Axis(labelLimit=170)),
    x=alt.X("part:Q", stack="normalize", title="Part des contrats", axis=alt.Axis(format=".0%", tickCount=4)),
    color=alt.Color("type_contrat:N", title=None, sort=list(LIB_TYPES.values()),
                    scale=alt.Scale(domain=list(LIB_TYPES.values()),
                                    range=[charts.PALETTE[2], charts.BLEU, charts.PALETTE[1]]),
                    legend=alt.Legend(orient="bottom")),
    order=alt.Order("ordre:Q"),
    tooltip=[alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("type_contrat:N", title="Type"),
             alt.Tooltip("nb:Q", title="Contrats", format=",d"), alt.Tooltip("part:Q", title="Part", format=".1%")],
).transform_filter("isValid(datum.nb)").properties(height=34 * len(comparees) + 70)
t_contrats = pd.DataFrame({
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
charts.afficher(c_contrats, titre=f"Contrats de travail par type — par {quoi}", donnees=t_contrats,
                lecture=lecture, provenance=f.provenance, source=SOURCE, cle="emploi_contrats",
                note=f"publié pour la Normandie : {p('emploi_part_interim').texte} de travail temporaire "
                     "(section Emploi) ; la part de CDI n'est pas publiée")

# Chart 2: young people by situation, per territory of the level compared (counts: the region, or the
# department of the Missions Locales, would dwarf them and is given in the cards and the reading).
NIVEAU_COMPARE = "departement" if f.est_region else "mission_locale"
LIB_JEUNES = {"nb_jeunes_emploi": "Emploi", "nb_jeunes_alternance": "Alternance", "nb_jeunes_formation": "Formation"}
sans_region = comparees[comparees["niveau"] == NIVEAU_COMPARE]
sans_region_aff = comparees_aff[comparees_aff["niveau"] == NIVEAU_COMPARE]
lj = sans_region.melt(id_vars=["code", "libelle", "libelle_court", "niveau"], value_vars=JEUNES,
                      var_name="col", value_name="nb")
lj["situation"] = lj["col"].map(LIB_JEUNES)
lj["texte"] = [formats.nombre(v) if pd.notna(v) else secret.SECRET for v in lj["nb"]]
ordre_j = sans_region["libelle_court"].tolist()
base_j = alt.Chart(lj).encode(
    y=alt.Y("libelle_court:N", sort=ordre_j, title=None, axis=alt.Axis(labelLimit=170)),
    yOffset=alt.YOffset("situation:N", sort=list(LIB_JEUNES.values())),
    color=alt.Color("situation:N", title=None, sort=list(LIB_JEUNES.values()),
                    scale=alt.Scale(domain=list(LIB_JEUNES.values()),
                                    range=[charts.BLEU, charts.PALETTE[1], charts.PALETTE[2]]),
                    legend=alt.Legend(orient="bottom")),
    tooltip=[alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("situation:N", title="Situation"),
             alt.Tooltip("texte:N", title="Jeunes")])
x_j = alt.X("nb:Q", title="Jeunes", axis=alt.Axis(format=",d", tickCount=4))
c_jeunes = alt.layer(
    base_j.mark_bar().encode(x=x_j),
    base_j.mark_text(align="left", dx=3, fontSize=11).encode(x=x_j, text="texte:N", color=alt.value("#1a1a1a"))
    .transform_filter("isValid(datum.nb)"),
    base_j.mark_text(align="left", dx=3, fontSize=11, fontStyle="italic").encode(
        x=alt.datum(0), text="texte:N", color=alt.value(charts.ORANGE)).transform_filter("!isValid(datum.nb)"),
).properties(height=3 * 18 * len(sans_region) + 70)
t_jeunes = pd.DataFrame({"Territoire": sans_region_aff["libelle"],
                         **{lib: [n(v) for v in sans_region_aff[c]] for c, lib in LIB_JEUNES.items()}})
cible = ligne  # the chosen territory's row (region, department or Mission Locale)
lecture_j = (f"{Dans}, {n(cible['nb_jeunes_emploi'])} jeunes sont entrés en emploi, {n(cible['nb_jeunes_alternance'])} "
             f"en alternance et {n(cible['nb_jeunes_formation'])} en formation en {f.annee} (un jeune peut être "
             "compté dans plusieurs situations).")
charts.afficher(c_jeunes, titre=f"Jeunes en emploi, en alternance, en formation — par {quoi}",
                donnees=t_jeunes, lecture=lecture_j, provenance=f.provenance, source=SOURCE, cle="emploi_jeunes")

# Chart 3: share of training actions funded by the Region, with the region as a rule (drawn behind the
# bars: seen between them and past the short ones), values written inside the bars.
gr = comparees[comparees["niveau"] == NIVEAU_COMPARE].copy()
gr["part"] = gr["part_region_pct"] / 100
gr["texte"] = [formats.pourcentage(v, 0) if pd.notna(v) else secret.SECRET for v in gr["part_region_pct"]]
gr["couleur"] = ["choisi" if (c in choisi or not choisi) else "autre" for c in gr["code"]]
ordre_r = gr.sort_values("part", ascending=False, na_position="last")["libelle_court"].tolist()
x_r = alt.X("part:Q", title="Part des actions financées par la Région", axis=alt.Axis(format=".0%", tickCount=4),
            scale=alt.Scale(domain=[0, 1]))
base_r = alt.Chart(gr).encode(y=alt.Y("libelle_court:N", sort=ordre_r, title=None, scale=alt.Scale(paddingInner=0.3),
                                      axis=alt.Axis(labelLimit=170)),
                              tooltip=[alt.Tooltip("libelle:N", title="Territoire"),
                                       alt.Tooltip("texte:N", title="Part financée par la Région")])
regle = pd.DataFrame({"part": [reg["part_region_pct"] / 100 if pd.notna(reg["part_region_pct"]) else None],
                      "texte": [f"Normandie : {formats.pourcentage(reg['part_region_pct'], 0)}"
                                if pd.notna(reg["part_region_pct"]) else ""]}).dropna()
couches = []
if len(regle):
    couches += [alt.Chart(regle).mark_rule(color=charts.ORANGE, strokeDash=[6, 4], strokeWidth=2).encode(x="part:Q"),
                alt.Chart(regle).mark_text(color=charts.ORANGE, dy=-8, fontWeight="bold").encode(
                    x="part:Q", y=alt.value(0), text="texte:N")]
couches += [
    base_r.mark_bar().encode(x=x_r, color=alt.Color("couleur:N", legend=None, scale=alt.Scale(
        domain=["choisi", "autre"], range=[charts.BLEU, "#9db4d3"]))),
    base_r.mark_text(align="right", dx=-4, color="white", fontWeight="bold").encode(x=x_r, text="texte:N")
    .transform_filter("isValid(datum.part) && datum.part >= 0.2"),
    base_r.mark_text(align="left", dx=4, color="#1a1a1a").encode(x=x_r, text="texte:N")
    .transform_filter("isValid(datum.part) && datum.part < 0.2"),
    base_r.mark_text(align="left", dx=4, color=charts.ORANGE, fontStyle="italic").encode(
        x=alt.datum(0), text="texte:N").transform_filter("!isValid(datum.part)"),
]
c_region = alt.layer(*couches).properties(height=28 * len(gr) + 70)
t_region = pd.DataFrame({
    "Territoire": comparees_aff["libelle"],
    "Actions financées par la Région": [n(v) for v in comparees_aff["nb_actions_region"]],
    "Autres actions": [n(v) for v in comparees_aff["nb_actions_autre"]],
    "Actions (total)": [n(v) for v in comparees_aff["nb_actions"]],
    "Part financée par la Région": [pct(v) for v in comparees_aff["part_region_pct"]],
})
vus_r = gr.dropna(subset=["part_region_pct"])
lecture_r = ("La part des actions financées par la Région n'est pas disponible." if vus_r.empty else
             f"En Normandie, {pct(reg['part_region_pct'])} des actions de formation sont financées par la Région "
             f"(trait orange en pointillés) ; par {quoi}, de {pct(vus_r['part_region_pct'].min())} à "
             f"{pct(vus_r['part_region_pct'].max())}.")
charts.afficher(c_region, titre=f"Actions de formation financées par la Région — par {quoi}", donnees=t_region,
                lecture=lecture_r, provenance=f.provenance, source=SOURCE, cle="formation_region",
                note=f"publié pour la Normandie : {p('formation_financees_region').texte} sur "
                     f"{p('formation_actions').texte} formations, soit {p('formation_part_financees_region').texte} "
                     "(dérivé)")

# Chart 4: starts by month in the chosen territory.
# Months × types with their totals, from the year's joint mask of the monthly starts of every territory
# (observatoire/secret_territoires.py): a Mission Locale's hidden month is not its department's month minus the
# other Missions Locales' months; the year's totals of contracts and of actions are hidden, or shown, as the
# reference mask hides or shows the territory's counts.
croise = secret_territoires.croisement_mois(f.annee, f.code)
LIB_SITU = {"emploi": "Contrats de travail", "alternance": "Contrats en alternance", "formation": "Actions de formation"}
MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
corps = croise.drop(index=secret.TOTAL, errors="ignore")
lm = corps.reset_index().melt(id_vars="mois", value_vars=[c for c in LIB_SITU if c in corps.columns],
                              var_name="type", value_name="valeur")
lm["nb"] = pd.to_numeric(lm["valeur"].where(~lm["valeur"].map(secret.est_secret)), errors="coerce")
lm["situation"] = lm["type"].map(LIB_SITU)
lm["mois_lib"] = lm["mois"].map(lambda m: MOIS[int(m) - 1])
lm = lm.drop(columns="valeur")  # counts and "secret" mixed: not for the chart's data
c_mois = alt.Chart(lm).mark_line(point=True).encode(
    x=alt.X("mois_lib:N", sort=MOIS, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
    y=alt.Y("nb:Q", title="Débuts dans le mois", axis=alt.Axis(format=",d")),
    color=alt.Color("situation:N", title=None, sort=list(LIB_SITU.values()),
                    scale=alt.Scale(domain=list(LIB_SITU.values()),
                                    range=[charts.BLEU, charts.PALETTE[1], charts.PALETTE[2]]),
                    legend=alt.Legend(orient="bottom", columns=2)),
    tooltip=[alt.Tooltip("mois_lib:N", title="Mois"), alt.Tooltip("situation:N", title="Situation"),
             alt.Tooltip("nb:Q", title="Débuts", format=",d")],
).properties(height=340)
t_mois = pd.DataFrame({"Mois": [MOIS[int(m) - 1] if m != secret.TOTAL else "Total" for m in croise.index]})
for c, lib in LIB_SITU.items():
    if c in croise.columns:
        t_mois[lib] = [n(v) for v in croise[c]]
t_mois["Total"] = [n(v) for v in croise[secret.TOTAL]]
tot = corps[[c for c in LIB_SITU if c in corps.columns]]
pic = {c: tot[c][~tot[c].map(secret.est_secret)] for c in tot.columns}
pic_emploi = pic.get("emploi")
if pic_emploi is not None and len(pic_emploi) and pd.to_numeric(pic_emploi).max() > 0:
    m_max = int(pd.to_numeric(pic_emploi).idxmax())
    lecture_m = (f"{Dans}, c'est en {['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'][m_max - 1]} "
                 f"que commencent le plus de contrats de travail ({n(tot.loc[m_max, 'emploi'])}) ; "
                 f"{n(croise.loc[secret.TOTAL, 'alternance'])} contrats en alternance et "
                 f"{n(croise.loc[secret.TOTAL, 'formation'])} actions de formation ont débuté dans l'année.")
else:
    lecture_m = f"{Dans}, aucun contrat de travail n'est visible par mois (pas de données, ou secret statistique)."
charts.afficher(c_mois, titre=f"Débuts de contrats et de formations, mois par mois — {f.libelle}", donnees=t_mois,
                lecture=lecture_m, provenance=f.provenance, source=SOURCE, cle="emploi_mois",
                note="un mois de moins de "
                     f"{secret.seuil_actif()} débuts est « secret » (point absent de la courbe)")

with st.expander("Toutes les Missions Locales : tableau complet"):
    mls = affiche[affiche["niveau"] == "mission_locale"]
    tout = pd.DataFrame({
        "Mission Locale": mls["libelle"],
        "Jeunes en emploi": [n(v) for v in mls["nb_jeunes_emploi"]],
        "Contrats": [n(v) for v in mls["nb_contrats"]],
        "dont intérim": [n(v) for v in mls["nb_contrats_interim"]],
        "Jeunes en alternance": [n(v) for v in mls["nb_jeunes_alternance"]],
        "Jeunes en formation": [n(v) for v in mls["nb_jeunes_formation"]],
        "Actions de formation": [n(v) for v in mls["nb_actions"]],
        "dont Région": [n(v) for v in mls["nb_actions_region"]],
    })
    st.dataframe(tout, hide_index=True, width="stretch")
    ui.badge(f.provenance)
    telechargements.boutons_tableau(tout, titre=f"Emploi et formation par Mission Locale, {f.annee}", source=SOURCE,
                            cle="emploi_tableau_ml", provenance=f.provenance, perimetre=f"Normandie, {f.annee}")

st.header("Actions du réseau et perspectives", divider="gray")
th.contexte("emploi")
th.actions_perspectives("emploi", titre_actions="Temps forts 2022")

with st.expander("Définitions"):
    situations = modele.TABLES["situations"]
    st.markdown(f"**Situations** : {situations.definition}")
    for nom in ("type", "sous_type", "date_debut"):
        st.markdown(f"**{nom}** : {situations.colonne(nom).definition}")
    st.markdown(f"**Secret statistique** : un effectif de 1 à {secret.seuil_actif() - 1} calculé sur des extraits "
                "n'est jamais affiché ; les Missions Locales, les départements et la région s'additionnant, une "
                "seconde case est masquée quand un total permettrait de retrouver la première.")
    st.caption(f"Chiffres publiés : {SOURCE_RAPPORT}, sections « Emploi : relation entreprises, entreprenariat, "
               "parrainage », « Formation » et « Observatoire ».")
