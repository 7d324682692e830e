"""The CEJ charts (Altair specs, no data access): the cumulated entries on the one calendar of month ends
against the objective, and the achievement by territory. Data come from observatoire/publication/cej.py."""
from __future__ import annotations

import altair as alt
import pandas as pd

from observatoire import formats, palette
from observatoire.publication.cej import CEJ, GJ
from observatoire.vue import graphiques


@graphiques.memoise  # every visitor of one territory and year sees the same curve
def courbe(serie: pd.DataFrame, annee: int, objectif: float | None, projection=None) -> alt.LayerChart:
    """Cumulated entries at each shown month end (hidden points are not drawn); in 2022 the Garantie Jeunes
    (to 28 February) and the CEJ in two colours, the 28 February point belonging to both; the objective as a
    dashed rule; a year in progress prolonged by its projection (dashed, grey)."""
    vus = serie[serie["cumul_entrees"].notna()].copy()
    vus["cumul"] = vus["cumul_entrees"].astype(float)
    domaine = [p for p in (GJ, CEJ) if p in set(vus["periode"])] or [CEJ]
    if len(domaine) == 2:  # the last GJ point starts the CEJ line too
        jonction = vus[vus["periode"] == GJ].tail(1).assign(periode=CEJ)
        vus = pd.concat([vus, jonction], ignore_index=True).sort_values(["date", "periode"])
    couleurs = {GJ: palette.CATEGORIELLE[1], CEJ: palette.BLEU}
    trace = vus.assign(date=pd.to_datetime(vus["date"]))[["date", "cumul", "periode"]]
    haut = max(float(vus["cumul"].max() or 0), objectif or 0, projection.entrees_projetees if projection else 0)
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b", labelAngle=0, tickCount="month", labelOverlap=True),
              scale=alt.Scale(domain=[f"{annee}-01-01", f"{annee}-12-31"]))
    y = alt.Y("cumul:Q", title="Entrées cumulées", axis=alt.Axis(format=",d"),
              scale=alt.Scale(domain=[0, max(haut * 1.1, 10)]))
    couches = [alt.Chart(trace).mark_line(point=True).encode(
        x=x, y=y,
        color=alt.Color("periode:N", title=None, scale=alt.Scale(domain=domaine, range=[couleurs[d] for d in domaine]),
                        legend=alt.Legend(orient="bottom") if len(domaine) > 1 else None),
        tooltip=[alt.Tooltip("date:T", title="Au", format="%d/%m/%Y"),
                 alt.Tooltip("cumul:Q", title="Entrées cumulées", format=",d")])]
    if objectif:
        obj = pd.DataFrame({"objectif": [objectif], "texte": [f"Objectif : {formats.nombre(objectif)}"]})
        couches.append(alt.Chart(obj).mark_rule(color=palette.ORANGE, strokeDash=[6, 4], strokeWidth=2)
                       .encode(y="objectif:Q"))
        couches.append(alt.Chart(obj).mark_text(align="left", dx=4, dy=12, color=palette.ORANGE, fontWeight="bold")
                       .encode(x=alt.datum(alt.DateTime(year=annee, month=1, date=8)), y="objectif:Q", text="texte:N"))
    if projection is not None:
        dernier = vus.iloc[-1]
        suite = pd.DataFrame({"date": [pd.Timestamp(dernier["date"]), pd.Timestamp(f"{annee}-12-31")],
                              "entrees": [float(dernier["cumul"]), projection.entrees_projetees],
                              "texte": ["", "à ce rythme" + (f" : {formats.pourcentage(round(projection.pct_objectif))}"
                                                             if projection.pct_objectif is not None else "")]})
        couches.append(alt.Chart(suite).mark_line(strokeDash=[4, 4], color=palette.GRIS, strokeWidth=2)
                       .encode(x="date:T", y="entrees:Q"))
        couches.append(alt.Chart(suite.tail(1)).mark_text(align="right", dx=-2, dy=-10, color=palette.GRIS)
                       .encode(x="date:T", y="entrees:Q", text="texte:N"))
    return alt.layer(*couches).properties(height=340)


def barres(t: pd.DataFrame, selection: set[str], hauteur_barre: int = 26) -> alt.LayerChart:
    """The achievement rate of each territory (rows of publication.cej.realisation), sorted, against the objective
    (100 %): the one "share by territory against a reference line" chart (vue/graphiques.barres_reference).
    Only what is drawn is sent: no count of entries travels with the bars."""
    g = t.assign(cle=t["realisation_pct"].fillna(-1)).sort_values("cle", ascending=False)
    lignes = pd.DataFrame({
        "territoire": g["libelle_court"].to_numpy(),
        "libelle": g["libelle"].to_numpy(),
        "part_pct": g["realisation_pct"].to_numpy(),
        "etiquette": ["secret" if r == "secret" else "–" if r == "sans objectif" else formats.pourcentage(v, 0)
                      for r, v in zip(g["realisation"], g["realisation_pct"])],
        "choisi": [not selection or c in selection for c in g["code"]],
        "objectif_cej": g["objectif_cej"].to_numpy(),
    })
    infobulles = [alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("etiquette:N", title="Réalisation"),
                  alt.Tooltip("objectif_cej:Q", title="Objectif", format=",d")]
    return graphiques.barres_reference(lignes, reference=100.0,
                                      libelle_reference=f"objectif {formats.pourcentage(100)}",
                                      titre_axe="Réalisation de l'objectif", infobulles=infobulles,
                                      hauteur_barre=hauteur_barre)
