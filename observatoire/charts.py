"""One chart theme for the whole app, French number and date formats inside the charts,
and the one way a page shows a chart: title, chart, one-line reading, data table, provenance."""
from __future__ import annotations

import os

import altair as alt
import pandas as pd
import streamlit as st

from observatoire import formats
from observatoire.provenance import Provenance

POLICE = "DejaVu Sans, Verdana, sans-serif"  # present offline on Debian and on most laptops
BLEU = "#1d4e89"
GRIS = "#6b7280"
ORANGE = "#c2410c"
# Colour-blind-safe categorical palette (Okabe–Ito, reordered, darkened for contrast on white).
PALETTE = ["#1d4e89", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a7a00", "#000000"]
SEQUENTIELLE = ["#dbe7f3", "#a9c6e3", "#6f9fcf", "#3b74b3", "#1d4e89"]

LOCALE_VEGA = {"number": formats.VEGA_FORMAT_LOCALE, "time": formats.VEGA_TIME_LOCALE}


@alt.theme.register("observatoire", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "locale": LOCALE_VEGA,
            "font": POLICE,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 600, "continuousHeight": 320},
            "title": {"fontSize": 16, "font": POLICE, "anchor": "start", "color": "#1a1a1a"},
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": "#1a1a1a",
                     "titleColor": "#1a1a1a", "gridColor": "#e5e7eb", "domainColor": GRIS},
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "orient": "bottom"},
            "range": {"category": PALETTE, "ramp": SEQUENTIELLE},
            "bar": {"color": BLEU},
            "line": {"color": BLEU, "strokeWidth": 3},
            "point": {"color": BLEU},
            "text": {"fontSize": 13, "font": POLICE},
        }
    }


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
    dessiner(chart.properties(title="", description=f"{titre}. {lecture}"), cle=f"graph_{cle}")
    st.markdown(f"**À retenir :** {lecture}")
    st.badge(provenance.libelle, icon=provenance.icone, color=provenance.couleur)
    st.caption(f"Source : {source}" + (f" — {note}" if note else ""))
    with st.expander("Voir les données du graphique"):
        st.dataframe(donnees, hide_index=True, width="stretch")
    _exports(chart, titre=titre, donnees=donnees, source=source, provenance=provenance, cle=cle, note=note,
             avertissements=avertissements)


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of a chart, with the registered theme. Altair checks every spec against the
    Vega-Lite JSON schema, a third of a chart-heavy page's server time: the tests check them all
    (OBSERVATOIRE_VALIDER_GRAPHIQUES=1, set by tests/conftest.py), the running app trusts its own code."""
    return chart.to_dict(validate=os.environ.get("OBSERVATOIRE_VALIDER_GRAPHIQUES") == "1")


def dessiner(chart: alt.TopLevelMixin, cle: str) -> None:
    """Draws a chart from its spec (st.vega_lite_chart: the same drawing as st.altair_chart, without the
    schema validation it cannot skip)."""
    st.vega_lite_chart(spec=spec(chart), theme=None, width="stretch", key=cle)


def _exports(chart, **kwargs) -> None:
    """Export buttons under each chart (observatoire/vue/telechargements.py)."""
    from observatoire.vue import telechargements  # noqa: PLC0415  (loaded when a chart is drawn)

    telechargements.boutons_graphique(chart, **kwargs)
