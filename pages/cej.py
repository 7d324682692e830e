"""Contrat d'Engagement Jeune: entries (Garantie jeunes then CEJ) against the State objective — the report's
figures, the cumulative curve of the chosen territory with the day the objective was reached, the
achievement by department and by Mission Locale, the profile of entrants, and for a year in progress,
where the year would end. Draws only: data from queries/cej_*.sql, logic in observatoire/projection.py."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from observatoire import charts, db, filtres, formats, projection, publies, secret, secret_territoires, ui
from observatoire.vue import telechargements
from observatoire import thematiques as th
from observatoire.provenance import SOURCE_RAPPORT, Provenance

ui.entete(
    "Contrat d'Engagement Jeune",
    "Le Contrat d'Engagement Jeune (CEJ) a remplacé la Garantie Jeunes le 1er mars 2022. L'État fixe aux "
    "Missions Locales un objectif d'entrées pour l'année, qui compte ensemble les entrées en Garantie Jeunes "
    "du 1er janvier au 28 février et les entrées en CEJ à partir du 1er mars.",
)
# every figure of this page but the published ones is computed on the entries
f = filtres.barre_laterale().sur_tables("entrees_dispositif")
p = publies.indicateur

# --- the report's figures -------------------------------------------------------------------------------

st.header("Les chiffres publiés du rapport 2022", divider="gray")
total, objectif, taux = p("cej_entrees_total"), p("cej_objectif"), p("cej_taux_realisation")
c1, c2, c3 = st.columns(3)
with c1:
    ui.carte_publiee(total, libelle="Entrées en Garantie Jeunes et CEJ en 2022",
                     complement=f"pour un objectif de **{objectif.texte}** conventionné avec l'État")
with c2:
    ui.carte_publiee(taux, libelle="Taux de réalisation de l'objectif de l'État",
                     complement=f"{total.texte} ÷ {objectif.texte} = "
                                f"{formats.pourcentage(100 * total.valeur / objectif.valeur, 1)}, publié arrondi")
with c3:
    rang = p("cej_rang_taux_atteinte")
    ui.carte_publiee(rang, libelle="Rang parmi les régions métropolitaines pour l'atteinte de l'objectif",
                     complement="« première région métropolitaine »")

c1, c2, c3 = st.columns(3)
with c1:
    ui.carte_publiee(p("cej_entrees_gj"), libelle="Entrées en Garantie Jeunes (1er janvier – 28 février)")
with c2:
    ui.carte_publiee(p("cej_entrees_cej"), libelle="Entrées en CEJ (1er mars – 31 décembre)")
with c3:
    ui.carte_publiee(objectif, libelle="Objectif d'entrées conventionné avec l'État")
au_dela = p("cej_entrees_au_dessus_objectif")
st.caption(f"{p('cej_entrees_gj').texte} + {p('cej_entrees_cej').texte} = {total.texte} entrées, soit "
           f"{au_dela.texte} de plus que l'objectif (dérivé : {total.texte} − {objectif.texte}).")

st.subheader("Les jeunes entrés en CEJ")
femmes, hommes = p("cej_part_femmes"), p("cej_part_hommes")
c1, c2, c3 = st.columns(3)
with c1:
    ui.carte_publiee(femmes, libelle="Femmes parmi les jeunes entrés en CEJ",
                     complement=f"Hommes : **{hommes.texte}** — appariement incertain (voir la note)")
with c2:
    ui.carte_publiee(p("cej_part_qpv"), libelle="Issus d'un quartier prioritaire de la politique de la ville (QPV)",
                     complement=f"contre {p('publics_part_qpv').texte} parmi l'ensemble des jeunes accompagnés")
with c3:
    ui.carte_publiee(p("cej_part_formation"), libelle="Ont fait ou sont en formation")
st.caption(f"Note sur la répartition par sexe : {femmes.note}")

st.subheader("Les sorties")
c1, c2 = st.columns(2)
with c1:
    sortis = p("cej_part_sortis_emploi")
    ui.carte_publiee(sortis, libelle="Jeunes sortis en emploi (CDI ou CDD de plus de 6 mois)",
                     complement=sortis.note)
with c2:
    durables = p("cej_sorties_emploi_durable")
    ui.carte_publiee(durables, libelle="Sorties liées à un emploi de 6 mois et plus ou à l'alternance, "
                                       "au 31 décembre 2022 (mot de la présidente)",
                     complement=durables.note)

AFFICHES = {"cej_entrees_total", "cej_objectif", "cej_taux_realisation", "cej_rang_taux_atteinte", "cej_entrees_gj",
            "cej_entrees_cej", "cej_part_femmes", "cej_part_hommes",
            "cej_part_qpv", "cej_part_formation", "cej_part_sortis_emploi", "cej_sorties_emploi_durable"}
with st.expander("Les autres chiffres publiés : écart à l'objectif, animation du CEJ par l'ARML", expanded=True):
    ui.tableau_publies([i for i in publies.du_theme("cej") if i.id not in AFFICHES])

# --- the chosen territory, from the extracts ----------------------------------------------------------

dans = f.dans
SOURCE_EXTRAITS = ("Extraits du système d'information des Missions Locales (entrées en dispositif, objectifs)"
                   if f.provenance == Provenance.EXTRAITS
                   else "Données de démonstration (extraits générés par l'observatoire)")

st.header(f"Entrées face à l'objectif — {f.libelle}, {f.annee}", divider="gray")
if f.provenance == Provenance.DEMO:
    ui.avertir_demo()

territoires = db.requete("cej_realisation_par_territoire", annee=f.annee)
# The cells of the year's reference mask (observatoire/secret_territoires.py): the same as on the map, the
# slides and every other page, so that no page shows what another hides.
ENTREES = secret_territoires.CEJ  # GJ, CEJ and their total
affiche = secret_territoires.masquer(territoires, f.annee, ENTREES, parts={"realisation_pct": ["nb_entrees"]})
graphe = secret_territoires.masquer(territoires, f.annee, ENTREES, parts={"realisation_pct": ["nb_entrees"]},
                                    pour_graphique=True)
niveau_ligne = "region" if f.est_region else f.niveau
ligne = affiche[(affiche["niveau"] == niveau_ligne) & ((affiche["code"] == f.code) | (niveau_ligne == "region"))].iloc[0]
resume = db.requete("cej_objectif_atteint", **f.params).iloc[0]
a_objectif = pd.notna(resume["objectif_cej"]) and resume["objectif_cej"] > 0
prov_objectif = (Provenance.EXTRAITS if resume["provenance_objectif"] == "extraits" else Provenance.DEMO)
en_cours = projection.annee_en_cours(resume["date_fin_extraits"], f.annee)
entrees_secretes = secret.est_secret(ligne["nb_entrees"])
# The weekly curve ends on the year's entries and, in 2022, passes the end of the Garantie Jeunes: where the
# mask hides the territory's entries, its GJ or its CEJ entries, the curve would give them back.
codes_caches = tuple(sorted(affiche.loc[affiche[ENTREES].map(secret.est_secret).any(axis=1), "code"]))
courbe_secrete = ligne["code"] in codes_caches


def nombre(v) -> str:
    return secret.formater(v) if not (isinstance(v, float) and pd.isna(v)) else "–"


c1, c2, c3, c4 = st.columns(4)
with c1:
    ui.carte(f"Entrées en Garantie Jeunes et CEJ {dans}", nombre(ligne["nb_entrees"]), f.provenance,
             SOURCE_EXTRAITS, complement=f"dont CEJ : **{nombre(ligne['nb_entrees_cej'])}**")
with c2:
    if a_objectif:
        ui.carte("Objectif d'entrées de l'État", formats.nombre(resume["objectif_cej"]), prov_objectif,
                 SOURCE_EXTRAITS, complement=("somme des objectifs des Missions Locales du territoire"
                                              if not f.est_region else None),
                 aide=(f"En démonstration, l'objectif régional publié ({p('cej_objectif').texte}) est réparti entre les Missions "
                       "Locales au prorata de leurs jeunes accompagnés : les objectifs par Mission Locale ne "
                       "sont pas réels." if prov_objectif == Provenance.DEMO else None))
    else:
        ui.carte("Objectif d'entrées de l'État", "non disponible", f.provenance, SOURCE_EXTRAITS,
                 complement=f"aucun objectif dans les extraits de {f.annee}")
with c3:
    taux_txt = (secret.SECRET if secret.est_secret(ligne["realisation_pct"]) else
                formats.pourcentage(ligne["realisation_pct"], 1) if a_objectif and pd.notna(ligne["realisation_pct"])
                else "–")
    ui.carte("Taux de réalisation de l'objectif", taux_txt, f.provenance, SOURCE_EXTRAITS,
             complement="entrées ÷ objectif × 100, comme le rapport le calcule")
with c4:
    date_atteinte = resume["date_objectif_atteint"]
    if not a_objectif:
        txt, compl = "–", "pas d'objectif pour cette année"
    elif courbe_secrete:  # the day (or "not yet") says when the hidden entries reached the objective
        txt, compl = secret.SECRET, f"entrées couvertes par le secret statistique ({secret.seuil_texte()})"
    elif pd.notna(date_atteinte):
        txt = formats.date(date_atteinte, court=True)
        compl = "premier jour où le cumul des entrées depuis le 1er janvier atteint l'objectif"
    else:
        txt, compl = "pas encore", f"au {formats.date(resume['date_fin_extraits'])}"
    ui.carte("Objectif atteint le", txt, f.provenance, SOURCE_EXTRAITS, complement=compl)

# The weekly cumulative curve, with the objective and the day it was reached.
par_jour = db.requete("cej_entrees_par_jour", **f.params)
arret = resume["date_fin_extraits"] if en_cours else None


@st.cache_data(show_spinner=False, max_entries=16)
def semaines_communes(version: str, annee: int, arret, seuil: int, caches: tuple[str, ...]) -> dict[str, list[bool]]:
    """The weeks each territory's curve shows (per data version, year and threshold): a department's curve
    minus its Missions Locales' must never give back a week a Mission Locale's curve hides."""
    return projection.calendrier_territoires(
        db.requete("cej_realisation_par_territoire", annee=annee), set(caches),
        lambda codes: db.requete("cej_entrees_par_jour", annee=annee, codes_ml=codes), annee, arret, seuil)


calendrier = semaines_communes(db.version_donnees(), f.annee, arret, secret.seuil_actif(), codes_caches).get(
    filtres.REGION if f.est_region else f.code)
courbe = projection.courbe_publiable(projection.courbe_hebdomadaire(par_jour, f.annee, arret), calendrier=calendrier)
if courbe_secrete:  # nothing but the zeros of the curve (as for a territory whose entries are a small count)
    courbe["publiable"] = courbe["cumul_entrees"] == 0
    courbe["cumul_affiche"] = courbe["cumul_entrees"].astype(float).where(courbe["publiable"])
debut_cej = dt.date(2022, 3, 1)
if f.annee == 2022:
    # two periods drawn in two colours; the point of 28 February-ish belongs to both so the line is continuous
    courbe["periode"] = ["Garantie Jeunes" if d < debut_cej else "CEJ" for d in courbe["fin_semaine"]]
    dernier_gj = courbe[courbe["periode"] == "Garantie Jeunes"].tail(1).assign(periode="CEJ")
    trace = pd.concat([courbe, dernier_gj], ignore_index=True).sort_values(["fin_semaine", "periode"])
    domaine, couleurs = ["Garantie Jeunes", "CEJ"], [charts.PALETTE[1], charts.BLEU]
else:
    courbe["periode"] = "Garantie Jeunes" if f.annee < 2022 else "CEJ"
    trace = courbe.copy()
    domaine = [courbe["periode"].iloc[0]]
    couleurs = [charts.BLEU]
trace = trace[trace["publiable"]].copy()
trace["date"] = pd.to_datetime(trace["fin_semaine"])
# Only what is drawn goes to the browser: the weekly counts beside the cumulated ones would be small counts
# readable in the chart's data (its source, the developer tools) though never drawn.
trace = trace[["date", "cumul_affiche", "periode"]]

x = alt.X("date:T", title=None, axis=alt.Axis(format="%b", labelAngle=0, tickCount="month", labelOverlap=True),
          scale=alt.Scale(domain=[f"{f.annee}-01-01", f"{f.annee}-12-31"]))
y_max = max(float(courbe["cumul_entrees"].max() or 0), float(resume["objectif_cej"]) if a_objectif else 0) * 1.1
y = alt.Y("cumul_affiche:Q", title="Entrées cumulées", axis=alt.Axis(format=",d"),
          scale=alt.Scale(domain=[0, max(y_max, 10)]))
ligne_courbe = alt.Chart(trace).mark_line(interpolate="monotone").encode(
    x=x, y=y,
    color=alt.Color("periode:N", title=None, scale=alt.Scale(domain=domaine, range=couleurs),
                    legend=alt.Legend(orient="bottom") if len(domaine) > 1 else None),
    tooltip=[alt.Tooltip("date:T", title="Semaine finissant le", format="%d/%m/%Y"),
             alt.Tooltip("cumul_affiche:Q", title="Entrées cumulées", format=",d")])
couches = [ligne_courbe]
if a_objectif:
    obj = pd.DataFrame({"objectif": [float(resume["objectif_cej"])],
                        "texte": [f"Objectif : {formats.nombre(resume['objectif_cej'])}"]})
    couches.append(alt.Chart(obj).mark_rule(color=charts.ORANGE, strokeDash=[6, 4], strokeWidth=2).encode(y="objectif:Q"))
    couches.append(alt.Chart(obj).mark_text(align="left", dx=4, dy=12, color=charts.ORANGE, fontWeight="bold").encode(
        x=alt.datum(alt.DateTime(year=f.annee, month=1, date=8)), y="objectif:Q", text="texte:N"))
    if pd.notna(date_atteinte) and not courbe_secrete:
        atteinte = pd.DataFrame({"date": [pd.Timestamp(date_atteinte)], "objectif": [float(resume["objectif_cej"])],
                                 "texte": [f"atteint le {formats.date(date_atteinte).rsplit(' ', 1)[0]}"]})
        couches.append(alt.Chart(atteinte).mark_rule(color=charts.GRIS, strokeDash=[2, 3]).encode(x="date:T"))
        couches.append(alt.Chart(atteinte).mark_point(filled=True, size=90, color=charts.ORANGE).encode(
            x="date:T", y="objectif:Q"))
        couches.append(alt.Chart(atteinte).mark_text(align="right", dx=-6, dy=-10, color="#1a1a1a").encode(
            x="date:T", y="objectif:Q", text="texte:N"))
projeter = en_cours and not courbe_secrete and len(par_jour) > 0
objectif_val = float(resume["objectif_cej"]) if a_objectif else None
if projeter:
    # the linear projection drawn as a dashed line from the last day covered to 31 December
    lin = projection.projeter_lineaire(par_jour, f.annee, resume["date_fin_extraits"], objectif_val)
    dernier = courbe[courbe["publiable"]].iloc[-1]
    suite = pd.DataFrame({"date": [pd.Timestamp(dernier["fin_semaine"]), pd.Timestamp(f"{f.annee}-12-31")],
                          "entrees": [float(dernier["cumul_entrees"]), lin.entrees_projetees],
                          "texte": ["", "à ce rythme" + (f" : {formats.pourcentage(round(lin.pct_objectif))}"
                                                         if lin.pct_objectif is not None else "")]})
    couches.append(alt.Chart(suite).mark_line(strokeDash=[4, 4], color=charts.GRIS, strokeWidth=2).encode(
        x="date:T", y="entrees:Q"))
    couches.append(alt.Chart(suite.tail(1)).mark_text(align="right", dx=-2, dy=-10, color=charts.GRIS).encode(
        x="date:T", y="entrees:Q", text="texte:N"))
graphique_courbe = alt.layer(*couches).properties(height=340)

table_courbe = pd.DataFrame({
    "Semaine finissant le": [d.strftime("%d/%m/%Y") for d in courbe["fin_semaine"]],
    "Période": courbe["periode"],
    "Entrées cumulées": [formats.nombre(v) if ok else secret.SECRET
                         for v, ok in zip(courbe["cumul_entrees"], courbe["publiable"])],
})
if a_objectif:
    table_courbe["Part de l'objectif"] = [formats.pourcentage(100 * v / resume["objectif_cej"], 1) if ok
                                          else secret.SECRET
                                          for v, ok in zip(courbe["cumul_entrees"], courbe["publiable"])]

fin_txt = formats.date(courbe["fin_semaine"].iloc[-1])
if entrees_secretes:
    lecture = f"Les entrées {dans} sont couvertes par le secret statistique ({secret.seuil_texte()})."
elif courbe_secrete:
    lecture = (f"La courbe des entrées {dans} n'est pas tracée : elle donnerait les entrées en Garantie Jeunes "
               f"ou en CEJ, couvertes par le secret statistique ({secret.seuil_texte()}).")
elif a_objectif:
    lecture = (f"{dans[0].upper() + dans[1:]}, les entrées cumulées atteignent "
               f"{formats.nombre(courbe['cumul_entrees'].iloc[-1])} au {fin_txt}, soit "
               f"{formats.pourcentage(100 * courbe['cumul_entrees'].iloc[-1] / resume['objectif_cej'], 1)} de "
               f"l'objectif de {formats.nombre(resume['objectif_cej'])}")
    lecture += (f", franchi le {formats.date(date_atteinte)}." if pd.notna(date_atteinte)
                else " : l'objectif n'est pas encore atteint.")
else:
    lecture = (f"{dans[0].upper() + dans[1:]}, {formats.nombre(courbe['cumul_entrees'].iloc[-1])} jeunes sont entrés "
               f"en Garantie Jeunes ou en CEJ entre le 1er janvier et le {fin_txt} ; aucun objectif n'est "
               f"enregistré pour {f.annee}.")
note_courbe = (("en pointillés gris, la projection linéaire de la fin d'année (voir plus bas) ; " if projeter else "")
               + "cumul en fin de semaine (dimanche) ; les entrées en Garantie Jeunes comptent jusqu'au 28 février, "
               "celles en CEJ à partir du 1er mars")
if not courbe["publiable"].all():
    note_courbe += (" ; certaines semaines ne sont pas tracées : l'écart avec le point précédent compterait "
                    f"{secret.seuil_texte()} (secret statistique)")
charts.afficher(graphique_courbe, titre=f"Entrées cumulées semaine après semaine — {f.libelle}",
                donnees=table_courbe, lecture=lecture, provenance=f.provenance, source=SOURCE_EXTRAITS,
                cle="cej_courbe", note=note_courbe)
if f.annee == 2022 and f.est_region and f.provenance == Provenance.DEMO:
    st.caption(f"La démonstration reproduit exactement les chiffres publiés : {p('cej_entrees_gj').texte} entrées en "
               f"Garantie Jeunes + {p('cej_entrees_cej').texte} en CEJ = {total.texte} ; l'objectif de "
               f"{objectif.texte} est dépassé de {au_dela.texte}. Le jour de franchissement, lui, dépend des dates "
               "de démonstration : il n'est pas publié.")

# A year still in progress: where would it end?
if projeter:
    st.subheader("Projection de l'année en cours")
    date_fin = resume["date_fin_extraits"]
    annees_dispo = set(filtres.annees()["annee"].astype(int))
    saison = None
    if f.annee - 1 in annees_dispo:
        precedente = db.requete("cej_entrees_par_jour", annee=f.annee - 1, codes_ml=list(f.codes_ml))
        saison = projection.projeter_saisonniere(par_jour, f.annee, date_fin, precedente, objectif_val)
    st.info(f"Les extraits de {f.annee} s'arrêtent au {formats.date(date_fin)} : l'année est en cours.",
            icon=":material/schedule:")
    for proj in [lin] + ([saison] if saison else []):
        cible = (f"à **{formats.pourcentage(round(proj.pct_objectif))}** de l'objectif "
                 f"(environ {formats.nombre(round(proj.entrees_projetees, -1))} entrées pour "
                 f"{formats.nombre(objectif_val)})" if objectif_val else
                 f"à environ **{formats.nombre(round(proj.entrees_projetees, -1))}** entrées")
        titre = "À ce rythme" if proj.methode == "lineaire" else "Avec le profil de l'année précédente"
        st.markdown(f"**{titre}, l'année se terminerait {cible}.** Méthode : {proj.explication}.")
    ui.badge(f.provenance, "Projection calculée sur les extraits : une estimation, pas un chiffre constaté.")
    st.caption("Une projection n'est pas une prévision : elle suppose que le rythme (ou le profil saisonnier) "
               "observé se maintient jusqu'au 31 décembre.")

# --- achievement by department and by Mission Locale ----------------------------------------------------


def barres(df: pd.DataFrame, selection: set[str], hauteur_barre: int = 26) -> alt.Chart:
    """Sorted horizontal bars of the achievement rate, the objective (100 %) as a rule drawn behind them
    (seen between the bars and past the short ones), values written inside the bars, secret in words."""
    g = df.copy()
    g["taux"] = g["realisation_pct"] / 100
    g["texte"] = [formats.pourcentage(v, 0) if pd.notna(v) else secret.SECRET for v in g["realisation_pct"]]
    g["choisi"] = ["choisi" if (c in selection or not selection) else "autre" for c in g["code"]]
    ordre = g.sort_values("taux", ascending=False, na_position="last")["libelle_court"].tolist()
    haut = max(1.2, float(g["taux"].max(skipna=True) or 1) * 1.05)
    xq = alt.X("taux:Q", title="Réalisation de l'objectif", axis=alt.Axis(format=".0%", tickCount=4),
               scale=alt.Scale(domain=[0, haut], nice=False))
    base = alt.Chart(g).encode(
        y=alt.Y("libelle_court:N", sort=ordre, title=None, scale=alt.Scale(paddingInner=0.3),
                axis=alt.Axis(labelLimit=240)),
        tooltip=[alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("texte:N", title="Réalisation"),
                 alt.Tooltip("nb_entrees:Q", title="Entrées", format=",d"),
                 alt.Tooltip("objectif_cej:Q", title="Objectif", format=",d")])
    regle = alt.Chart(pd.DataFrame({"x": [1.0], "texte": [f"objectif {formats.pourcentage(100)}"]}))
    b = base.mark_bar().encode(x=xq, color=alt.Color("choisi:N", legend=None, scale=alt.Scale(
        domain=["choisi", "autre"], range=[charts.BLEU, "#9db4d3"])))
    dedans = base.mark_text(align="right", dx=-4, color="white", fontWeight="bold").encode(
        x=xq, text="texte:N").transform_filter("isValid(datum.taux) && datum.taux >= 0.3")
    dehors = base.mark_text(align="left", dx=4, color="#1a1a1a").encode(x=xq, text="texte:N").transform_filter(
        "isValid(datum.taux) && datum.taux < 0.3")
    s = base.mark_text(align="left", dx=4, color=charts.ORANGE, fontStyle="italic").encode(
        x=alt.datum(0), text="texte:N").transform_filter("!isValid(datum.taux)")
    return alt.layer(
        regle.mark_rule(color=charts.ORANGE, strokeDash=[6, 4], strokeWidth=2).encode(x="x:Q"),
        regle.mark_text(color=charts.ORANGE, dy=-8, fontWeight="bold").encode(x="x:Q", y=alt.value(0), text="texte:N"),
        b, dedans, dehors, s,
    ).properties(height=hauteur_barre * len(g) + 60)


def tableau_territoires(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Territoire": df["libelle"],
        "Entrées en Garantie Jeunes": [nombre(v) for v in df["nb_entrees_gj"]],
        "Entrées en CEJ": [nombre(v) for v in df["nb_entrees_cej"]],
        "Entrées (total)": [nombre(v) for v in df["nb_entrees"]],
        "Objectif": [formats.nombre(v) if pd.notna(v) else "–" for v in df["objectif_cej"]],
        "Réalisation": [v if secret.est_secret(v) else formats.pourcentage(v, 1) if pd.notna(v) else "–"
                        for v in df["realisation_pct"]],
    })


def lecture_barres(df: pd.DataFrame, quoi: str, quois: str) -> str:
    vus = df[pd.notna(df["realisation_pct"])].sort_values("realisation_pct", ascending=False)
    if vus.empty:
        return f"Le taux de réalisation par {quoi} n'est pas disponible."
    haut, bas = vus.iloc[0], vus.iloc[-1]
    au_dessus = int((vus["realisation_pct"] >= 100).sum())
    if au_dessus == 0:
        debut = f"Aucun{'e' if quoi == 'Mission Locale' else ''} {quoi} n'atteint l'objectif"
    elif au_dessus == 1:
        debut = f"1 {quoi} sur {len(df)} atteint ou dépasse l'objectif"
    else:
        debut = f"{au_dessus} {quois} sur {len(df)} atteignent ou dépassent l'objectif"
    quand = f" au {formats.date(resume['date_fin_extraits'])} (année en cours)" if en_cours else ""
    return (f"{debut}{quand} ; le taux va de {formats.pourcentage(bas['realisation_pct'], 1)} "
            f"({bas['libelle_court']}) à {formats.pourcentage(haut['realisation_pct'], 1)} ({haut['libelle_court']}).")


st.header(f"Réalisation de l'objectif par territoire — {f.annee}", divider="gray")
if not a_objectif and territoires["objectif_cej"].isna().all():
    st.info(f"Les extraits de {f.annee} ne contiennent pas d'objectif d'entrées : le taux de réalisation par "
            "territoire n'est pas calculable.", icon=":material/info:")
else:
    note_obj = (f"objectifs par Mission Locale de démonstration (l'objectif régional publié, {p('cej_objectif').texte}, réparti au "
                "prorata des jeunes accompagnés)" if prov_objectif == Provenance.DEMO else None)
    choisis = {f.code} | ({c for c in f.codes_ml} if f.niveau == "mission_locale" else set())
    dep_choisi = (f.code if f.niveau == "departement"
                  else territoires.loc[territoires["code"] == f.code, "departement"].iloc[0]
                  if f.niveau == "mission_locale" else None)
    deps = graphe[graphe["niveau"] == "departement"].reset_index(drop=True)
    deps_aff = affiche[affiche["niveau"] == "departement"].reset_index(drop=True)
    charts.afficher(barres(deps, {dep_choisi} if dep_choisi else set(), 34),
                    titre="Taux de réalisation de l'objectif par département", donnees=tableau_territoires(deps_aff),
                    lecture=lecture_barres(deps, "département", "départements"), provenance=f.provenance, source=SOURCE_EXTRAITS,
                    cle="cej_departements", note=note_obj)
    mls = graphe[graphe["niveau"] == "mission_locale"].reset_index(drop=True)
    mls_aff = affiche[affiche["niveau"] == "mission_locale"].reset_index(drop=True)
    selection_ml = ({f.code} if f.niveau == "mission_locale" else
                    set(mls.loc[mls["departement"] == f.code, "code"]) if f.niveau == "departement" else set())
    charts.afficher(barres(mls, selection_ml),
                    titre="Taux de réalisation de l'objectif par Mission Locale", donnees=tableau_territoires(mls_aff),
                    lecture=lecture_barres(mls, "Mission Locale", "Missions Locales"), provenance=f.provenance,
                    source=SOURCE_EXTRAITS, cle="cej_missions_locales", note=note_obj)
    if selection_ml:
        st.caption(f"En bleu foncé : {f.libelle}.")
st.page_link("pages/territoires.py", label="Voir le taux de réalisation sur la carte des territoires",
             icon=":material/map:", query_params={"indicateur": "realisation_cej_pct", "annee": str(f.annee),
                                                  **({} if f.est_region else {"territoire": f.code, "decoupage": f.niveau})})

# --- profile of the entrants of the territory ----------------------------------------------------------

st.header(f"Profil des jeunes entrés — {f.libelle}, {f.annee}", divider="gray")
profil = db.requete("cej_profil_entrants", **f.params).set_index("perimetre")
perimetres = ["territoire", "region"] if not f.est_region else ["region"]
PROFIL = {"nb_entrants": "nb_entrants", "nb_femmes": "nb_entrants_femmes", "nb_hommes": "nb_entrants_hommes",
          "nb_qpv": "nb_entrants_qpv", "nb_en_formation": "nb_entrants_en_formation"}
lignes = []
for per in perimetres:
    r = profil.loc[per]
    code_per = f.code if per == "territoire" else filtres.REGION
    cellules = [r[c] for c in PROFIL]
    # the reference mask knows women + men = entrants, and those not in a QPV or not in training by subtraction
    cache = [secret_territoires.est_cache(f.annee, code_per, ref) or secret.est_primaire(n)
             for ref, n in zip(PROFIL.values(), cellules)]
    lignes.append({"perimetre": per, "cellules": cellules, "cache": cache})


def part(ligne_p: dict, i: int) -> str:
    n, tot = ligne_p["cellules"][i], ligne_p["cellules"][0]
    if ligne_p["cache"][i] or ligne_p["cache"][0]:
        return secret.SECRET
    return formats.pourcentage(100 * n / tot, 1) if tot else "–"


nom_per = {"territoire": f.libelle, "region": "Normandie"}
# one column per territory (two at most): reads on a phone without scrolling sideways
tab_profil = pd.DataFrame({"Parmi les jeunes entrés": ["Jeunes entrés (effectif)", "Femmes", "Hommes",
                                                       "Résidant en QPV", "En formation dans l'année"]})
for lp in lignes:
    tab_profil[nom_per[lp["perimetre"]]] = [secret.SECRET if lp["cache"][0] else formats.nombre(lp["cellules"][0])] + \
        [part(lp, i) for i in range(1, 5)]
st.dataframe(tab_profil, hide_index=True, width="stretch")
ui.badge(f.provenance)
telechargements.boutons_tableau(tab_profil, titre=f"Profil des jeunes entrés en Garantie Jeunes ou CEJ — {f.libelle}, {f.annee}",
                        source=SOURCE_EXTRAITS, provenance=f.provenance,
                        perimetre=telechargements.perimetre_courant(f.annee, f.code), cle="cej_profil_entrants",
                        note="parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ)")
st.caption(f"Source : {SOURCE_EXTRAITS}. Parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ). "
           f"Publié pour la Normandie en 2022 : {femmes.texte} / {hommes.texte} (appariement incertain), "
           f"{p('cej_part_qpv').texte} en QPV, {p('cej_part_formation').texte} en formation.")

st.header("Actions du réseau et perspectives", divider="gray")
th.contexte("cej")
th.actions_perspectives("cej", titre_actions="Temps forts 2022")

with st.expander("Définitions et méthode"):
    st.markdown(
        "**Entrées** : une entrée en Garantie Jeunes (jusqu'au 28 février 2022) ou en Contrat d'Engagement Jeune "
        "(à partir du 1er mars 2022) d'un jeune, à sa date de signature (table `entrees_dispositif`).\n\n"
        "**Objectif** : nombre d'entrées conventionné avec l'État pour l'année (table `objectifs_cej`) ; celui "
        "d'un département ou de la région est la somme de ceux de ses Missions Locales.\n\n"
        "**Objectif atteint le** : premier jour où le cumul des entrées depuis le 1er janvier égale ou dépasse "
        "l'objectif (calculé par la requête `queries/cej_objectif_atteint.sql`).\n\n"
        "**Année en cours** : quand les extraits de l'année s'arrêtent avant sa dernière semaine (dernière entrée "
        "de la région avant le 25 décembre), la page projette la fin d'année : rythme des "
        f"{projection.SEMAINES_RYTHME} dernières semaines prolongé jusqu'au 31 décembre, et, si l'année "
        "précédente est dans les extraits, même profil saisonnier que l'année précédente.\n\n"
        f"**Secret statistique** : un effectif de 1 à {secret.seuil_actif() - 1} jeunes calculé sur des extraits "
        "n'est jamais affiché ; les Missions Locales, les départements et la région s'additionnant, une seconde "
        "case est masquée quand un total permettrait de retrouver la première. Sur la courbe, une semaine n'est "
        "pas tracée quand l'écart avec le point précédent serait un petit effectif.")
    st.caption(f"Chiffres publiés : {SOURCE_RAPPORT}, sections « Contrat d'Engagement Jeune », « Observatoire » "
               "et mot de la présidente.")
