"""One chart theme for the whole app, French number and date formats inside the charts,
and the one way a page shows a chart: title, chart, one-line reading, data table, provenance."""
from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict

import altair as alt
import pandas as pd
import streamlit as st

from observatoire.formats import SECRET
from observatoire.palette import BLANC, BLEU, BLEU_CLAIR, GRIS_CLAIR, ORANGE, TEXTE
from observatoire.palette import CATEGORIELLE as PALETTE
from observatoire.provenance import Provenance
from observatoire.theme_graphique import LOCALE_VEGA, POLICE, spec  # noqa: F401  (the one theme, registered)

def afficher(chart: alt.Chart, *, titre: str, donnees: pd.DataFrame, lecture: str,
             provenance: Provenance, source: str, cle: str, note: str | None = None,
             avertissements: tuple[str, ...] = ()) -> None:
    """Draws a chart with what must always come with it.

    `donnees` is the table a reader can check (already formatted in French, secret cells already
    suppressed); `lecture` says in one plain sentence what the chart shows; `cle` is unique per page;
    `note` is a caveat ("appariement incertain", "plusieurs réponses possibles : total 142 %") shown under
    the chart and carried by each of its exported files; `avertissements` are caveats the page shows in its
    own way (an uncertain pairing's note, a derived figure's formula) that the files must carry too.
    """
    st.subheader(titre)
    # The description becomes the chart's accessible name (aria-label), read by screen readers.
    st.vega_lite_chart(spec=_spec_decrite(chart, f"{titre}. {lecture}"), theme=None, width="stretch",
                       key=f"graph_{cle}")
    st.markdown(f"**À retenir :** {lecture}")
    st.badge(provenance.libelle, icon=provenance.icone, color=provenance.couleur)
    st.caption(f"Source : {source}" + (f" — {note}" if note else ""))
    with st.expander("Voir les données du graphique"):
        st.dataframe(donnees, hide_index=True, width="stretch")
    _exports(chart, titre=titre, donnees=donnees, source=source, provenance=provenance, cle=cle, note=note,
             avertissements=avertissements)


def dessiner(chart: alt.TopLevelMixin, cle: str) -> None:
    """Draws a chart from its spec (st.vega_lite_chart: the same drawing as st.altair_chart, without the
    schema validation it cannot skip)."""
    st.vega_lite_chart(spec=spec(chart), theme=None, width="stretch", key=cle)


# --- the same chart is not rebuilt for each visitor ----------------------------------------------------------
# Building an Altair chart and turning it into its Vega-Lite spec is most of a chart page's server time (Publics:
# about half). The figures change only with the data version, and every visitor of one territory and year sees
# the same charts: the builders below are memoized on their arguments (a table by its content), and the spec of
# a drawn chart by the chart and its description. Bounded, shared by the sessions' threads.
_TAILLE_MEMO = 256
_VERROU = threading.Lock()


def _empreinte(v):
    """A hashable fingerprint of an argument: a table by its columns, types and content (rows in order)."""
    if isinstance(v, pd.DataFrame):
        contenu = hashlib.sha1(pd.util.hash_pandas_object(v, index=True).to_numpy().tobytes()).hexdigest()
        return ("table", tuple(map(str, v.columns)), tuple(map(str, v.dtypes)), contenu)
    if isinstance(v, (list, tuple)):
        return tuple(_empreinte(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _empreinte(x)) for k, x in v.items()))
    if isinstance(v, alt.SchemaBase):
        return json.dumps(v.to_dict(validate=False), sort_keys=True, default=str)
    hash(v)
    return v


def memoise(fonction):
    """`fonction`'s result for the same arguments, kept (LRU) and shared: callers must not mutate it (Altair's
    methods return copies)."""
    cache: OrderedDict = OrderedDict()

    @functools.wraps(fonction)
    def memoisee(*args, **kwargs):
        cle = (_empreinte(args), _empreinte(kwargs))
        with _VERROU:
            if cle in cache:
                cache.move_to_end(cle)
                return cache[cle]
        resultat = fonction(*args, **kwargs)
        with _VERROU:
            cache[cle] = resultat
            while len(cache) > _TAILLE_MEMO:
                cache.popitem(last=False)
        return resultat

    memoisee.cache = cache
    return memoisee


_SPECS: OrderedDict = OrderedDict()


def _spec_decrite(chart: alt.TopLevelMixin, description: str) -> dict:
    """The spec of `chart` with its accessible description. Kept as JSON text beside the chart itself (so that its
    id is not reused while kept), and a fresh dict each time: streamlit edits the spec it is given."""
    cle = (id(chart), description)
    with _VERROU:
        trouve = _SPECS.get(cle)
        if trouve is not None and trouve[0] is chart:
            _SPECS.move_to_end(cle)
            return json.loads(trouve[1])
    texte = json.dumps(spec(chart.properties(title="", description=description)))
    with _VERROU:
        _SPECS[cle] = (chart, texte)
        while len(_SPECS) > _TAILLE_MEMO:
            _SPECS.popitem(last=False)
    return json.loads(texte)


def _exports(chart, **kwargs) -> None:
    """Export buttons under each chart (observatoire/vue/telechargements.py)."""
    from observatoire.vue import telechargements  # noqa: PLC0415  (loaded when a chart is drawn)

    telechargements.boutons_graphique(chart, **kwargs)


@memoise
def barres_reference(lignes: pd.DataFrame, *, reference: float | None, libelle_reference: str, titre_axe: str,
                     infobulles: list[alt.Tooltip] | None = None, x_max: float | None = None,
                     groupes: list[str] | None = None, titre_groupes: str = "Département",
                     hauteur_barre: int = 28) -> alt.LayerChart:
    """The one chart of a share by territory against a reference line (CEJ achievement against the objective,
    training funded by the Region, a thematic share against Normandy).

    `lignes`, one row per territory, in the order drawn (top first):
      - `territoire`: the axis label ('|' cuts it into lines, see publication/thematiques.couper);
      - `part_pct`: the share in % (NaN where hidden or undefined);
      - `etiquette`: what is written at the bar: the share in French format, or "secret";
      - `choisi`: True for the territory the reader selected (all True when none is: every bar dark);
      - any column the `infobulles` name.
    `reference` (%) is drawn as an orange dashed line behind the bars, labelled `libelle_reference` above the plot
    ("Normandie : 36,8 %", "objectif 100 %"); None draws no line. `x_max` (%) fixes the axis end (default:
    the largest of the shares and the reference, + 15 %). `groupes` (values of a `groupe` column) colours the
    bars by group (the departments of 24 Missions Locales) instead of chosen / other.

    One colour convention everywhere: the chosen territory dark blue, the others light blue, the reference
    orange; a hidden value reads "secret" in orange italics at the axis.
    """
    g = lignes.copy()
    g["part"] = g["part_pct"] / 100  # a fraction: the axis formats it with the French locale (".0%")
    g["axe"] = g["territoire"]
    plus_haut = max([v for v in [*g["part_pct"].dropna(), reference] if v is not None and pd.notna(v)], default=10.0)
    fin = (x_max if x_max is not None else plus_haut * 1.15) / 100
    ordre = list(g["axe"])
    lignes_max = max((str(e).count("|") + 1 for e in ordre), default=1)
    base = alt.Chart(g).encode(
        y=alt.Y("axe:N", sort=ordre, title=None, scale=alt.Scale(paddingInner=0.3),
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=240, labelPadding=4)),
        tooltip=infobulles or [alt.Tooltip("territoire:N", title="Territoire"),
                               alt.Tooltip("etiquette:N", title=titre_axe)])
    # ".1~%": one decimal where the axis needs it (0,5 % … 2 %), none where it does not (20 % … 100 %)
    x = alt.X("part:Q", title=titre_axe, axis=alt.Axis(format=".1~%", tickCount=5),
              scale=alt.Scale(domain=[0, fin], nice=False))
    if groupes:
        couleur = alt.Color("groupe:N", title=titre_groupes, sort=groupes,
                            scale=alt.Scale(domain=groupes, range=PALETTE[:len(groupes)]),
                            legend=alt.Legend(orient="bottom", columns=3))
    else:
        couleur = alt.Color("choisi:N", legend=None, scale=alt.Scale(domain=[True, False], range=[BLEU, BLEU_CLAIR]))
    # A label fits inside a bar longer than this: white on the chosen (dark) bar, dark on the others; after the bar
    # otherwise, and always when bars take the groups' colours (white is unreadable on some of them).
    dedans = 2.0 if groupes else 0.22 * fin
    # Typed channel objects (alt.YValue, alt.XDatum, alt.ColorValue) rather than alt.value / alt.datum /
    # alt.condition: Altair turns those dicts back into objects through a lookup table of every schema class it
    # rebuilds at each call (~5 ms each, a third of a chart's build); the spec is the same.
    couches = []
    if reference is not None and pd.notna(reference):  # drawn first: seen between the bars and past the short ones
        regle = alt.Chart(pd.DataFrame({"part": [reference / 100], "texte": [libelle_reference]}))
        couches += [regle.mark_rule(color=ORANGE, strokeDash=[6, 4], strokeWidth=2).encode(
                        x="part:Q", tooltip=alt.Tooltip("texte:N", title="Référence")),
                    regle.mark_text(color=ORANGE, dy=-8, fontWeight="bold").encode(
                        x="part:Q", y=alt.YValue(0), text="texte:N")]
    couches += [
        base.mark_bar().encode(x=x, color=couleur),
        base.mark_text(align="right", dx=-4, fontWeight="bold").encode(
            x=x, text="etiquette:N", color=alt.ColorValue(TEXTE, condition={"test": "datum.choisi", "value": BLANC}))
        .transform_filter(f"isValid(datum.part) && datum.part >= {dedans}"),
        base.mark_text(align="left", dx=4, color=TEXTE).encode(x=x, text="etiquette:N")
        .transform_filter(f"isValid(datum.part) && datum.part < {dedans}"),
        base.mark_text(align="left", dx=4, color=ORANGE, fontStyle="italic").encode(
            x=alt.XDatum(0), text="etiquette:N").transform_filter("!isValid(datum.part)"),
    ]
    par_barre = max(hauteur_barre, 15 * lignes_max + 8)
    return alt.layer(*couches).properties(height=par_barre * len(g) + 70 + (50 if groupes else 0))


@memoise
def barres_territoire_region(lignes: pd.DataFrame, titre_axe: str = "Part des jeunes accompagnés") -> alt.LayerChart:
    """Horizontal bars of the shares of a breakdown, the territory beside the region (the region alone when the
    rows hold only it); "secret" written where a bar is hidden.

    `lignes`: perimetre ('territoire' rows first, then 'region'), perimetre_libelle, modalite_libelle (the axis),
    ordre (of the categories), nb_jeunes, part (a fraction, NaN where hidden)."""
    comparer = bool((lignes["perimetre"] == "territoire").any())
    ordre_y = list(dict.fromkeys(lignes.sort_values("ordre")["modalite_libelle"]))
    ordre_p = list(dict.fromkeys(lignes["perimetre_libelle"]))
    couleurs = [BLEU, GRIS_CLAIR] if comparer else [BLEU]
    base = alt.Chart(lignes).encode(
        y=alt.Y("modalite_libelle:N", sort=ordre_y, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("perimetre_libelle:N", sort=ordre_p, title=None,
                        scale=alt.Scale(domain=ordre_p, range=couleurs),
                        legend=alt.Legend(orient="bottom") if comparer else None),
        tooltip=[alt.Tooltip("perimetre_libelle:N", title="Territoire"),
                 alt.Tooltip("modalite_libelle:N", title="Catégorie"),
                 alt.Tooltip("nb_jeunes:Q", title="Jeunes", format=",d"),
                 alt.Tooltip("part:Q", title="Part", format=".1%")],
    )
    if comparer:
        base = base.encode(yOffset=alt.YOffset("perimetre_libelle:N", sort=ordre_p))
    plus_haut = float(lignes["part"].max(skipna=True) or 0)
    x = alt.X("part:Q", title=titre_axe, axis=alt.Axis(format=".0%", tickCount=6),
              scale=alt.Scale(domain=[0, min(1.0, max(0.1, plus_haut * 1.25))]))
    couches = [base.mark_bar().encode(x=x),
               base.mark_text(align="left", dx=4, color=TEXTE).encode(x=x, text=alt.Text("part:Q", format=".1%"))
               .transform_filter("isValid(datum.part)")]
    if lignes["part"].isna().any():  # a layer costs Altair time at every page view: only when a bar is hidden
        couches.append(base.mark_text(align="left", dx=4, color=ORANGE, fontStyle="italic").encode(
            x=alt.datum(0), text=alt.value(SECRET)).transform_filter("!isValid(datum.part)"))
    # The app fits the whole chart (axes and legend included) in this height: room for each bar, then the rest.
    n = lignes["modalite_libelle"].nunique() * (2 if comparer else 1)
    return alt.layer(*couches).properties(height=22 * n + 50 + (30 if comparer else 0))


def barres_empilees_parts(lignes: pd.DataFrame, *, ordre: list[str], categories: dict[str, str],
                          titre_axe: str, infobulles: list[alt.Tooltip]) -> alt.Chart:
    """One bar per territory (`libelle_court`, in `ordre`), split into the shares of its categories (`nb` by
    `categorie`, drawn in the order of `categories` {label: colour}); hidden counts (NaN) are left out."""
    return alt.Chart(lignes).mark_bar().encode(
        y=alt.Y("libelle_court:N", sort=ordre, title=None, scale=alt.Scale(paddingInner=0.25),
                axis=alt.Axis(labelLimit=170)),
        x=alt.X("part:Q", stack="normalize", title=titre_axe, axis=alt.Axis(format=".0%", tickCount=4)),
        color=alt.Color("categorie:N", title=None, sort=list(categories),
                        scale=alt.Scale(domain=list(categories), range=list(categories.values())),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("ordre:Q"),
        tooltip=infobulles,
    ).transform_filter("isValid(datum.nb)").properties(height=34 * len(ordre) + 70)


def barres_groupees(lignes: pd.DataFrame, *, ordre: list[str], categories: dict[str, str], titre_axe: str,
                    infobulles: list[alt.Tooltip]) -> alt.LayerChart:
    """Counts side by side per territory (`libelle_court`, in `ordre`): one bar per `categorie` (colours from
    `categories` {label: colour}), the count written after it, "secret" in orange italics where hidden."""
    base = alt.Chart(lignes).encode(
        y=alt.Y("libelle_court:N", sort=ordre, title=None, axis=alt.Axis(labelLimit=170)),
        yOffset=alt.YOffset("categorie:N", sort=list(categories)),
        color=alt.Color("categorie:N", title=None, sort=list(categories),
                        scale=alt.Scale(domain=list(categories), range=list(categories.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=infobulles)
    x = alt.X("nb:Q", title=titre_axe, axis=alt.Axis(format=",d", tickCount=4))
    return alt.layer(
        base.mark_bar().encode(x=x),
        base.mark_text(align="left", dx=3, fontSize=11).encode(x=x, text="texte:N", color=alt.value(TEXTE))
        .transform_filter("isValid(datum.nb)"),
        base.mark_text(align="left", dx=3, fontSize=11, fontStyle="italic").encode(
            x=alt.datum(0), text="texte:N", color=alt.value(ORANGE)).transform_filter("!isValid(datum.nb)"),
    ).properties(height=len(categories) * 18 * len(ordre) + 70)


def courbes_par_mois(lignes: pd.DataFrame, *, mois: list[str], categories: dict[str, str], titre_axe: str,
                     infobulles: list[alt.Tooltip]) -> alt.Chart:
    """One line per `categorie` (colours from `categories`), `nb` by month (`mois_lib`, in `mois`); a hidden
    month (NaN) is a missing point."""
    return alt.Chart(lignes).mark_line(point=True).encode(
        x=alt.X("mois_lib:N", sort=mois, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("nb:Q", title=titre_axe, axis=alt.Axis(format=",d")),
        color=alt.Color("categorie:N", title=None, sort=list(categories),
                        scale=alt.Scale(domain=list(categories), range=list(categories.values())),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=infobulles,
    ).properties(height=340)
