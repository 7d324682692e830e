"""The one chart theme of every channel (screen, exported images, slides, printed documents): French number and
date formats inside the charts, the palette, the font. Registered with Altair on import; no streamlit here, so
file outputs (observatoire/sorties/) use it as the pages do (observatoire/vue/graphiques.py)."""
from __future__ import annotations

import os

import altair as alt
from altair.utils import schemapi

from observatoire import formats
from observatoire.palette import BLEU, GRILLE, GRIS, SEQUENTIELLE, TEXTE
from observatoire.palette import CATEGORIELLE as PALETTE

POLICE = "DejaVu Sans, Verdana, sans-serif"  # present offline on Debian and on most laptops

LOCALE_VEGA = {"number": formats.VEGA_FORMAT_LOCALE, "time": formats.VEGA_TIME_LOCALE}


class _DepuisDictPartage(schemapi._FromDict):
    """Altair's dict-to-object converter with its lookup table built once per process. Altair builds the table
    (a hash of each of its ~600 schema classes) again at every `from_dict`, i.e. at every encoding written as a
    shorthand ("part:Q") or a dict (alt.value, alt.condition): ~5 ms each, over half of a chart-heavy page's server
    time (bench.pages). The table depends only on Altair's classes, all defined when altair is imported: the same
    objects, hence the same specs, come out (tests/test_charts.py)."""

    _table = None

    def __init__(self, wrapper_classes, /) -> None:
        if _DepuisDictPartage._table is None:
            super().__init__(wrapper_classes)
            _DepuisDictPartage._table = self.class_dict
        else:
            self.class_dict = _DepuisDictPartage._table


if getattr(schemapi, "_FromDict", None) is not None and hasattr(schemapi._FromDict, "hash_schema"):
    schemapi._FromDict = _DepuisDictPartage  # the pinned Altair (requirements.txt); another one is left alone


@alt.theme.register("observatoire", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "locale": LOCALE_VEGA,
            "font": POLICE,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 600, "continuousHeight": 320},
            "title": {"fontSize": 16, "font": POLICE, "anchor": "start", "color": TEXTE},
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": TEXTE,
                     "titleColor": TEXTE, "gridColor": GRILLE, "domainColor": GRIS},
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "orient": "bottom"},
            "range": {"category": PALETTE, "ramp": SEQUENTIELLE},
            "bar": {"color": BLEU},
            "line": {"color": BLEU, "strokeWidth": 3},
            "point": {"color": BLEU},
            "text": {"fontSize": 13, "font": POLICE},
        }
    }


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of a chart, with the registered theme. Altair checks every spec against the
    Vega-Lite JSON schema, a third of a chart-heavy page's server time: the tests check them all
    (OBSERVATOIRE_VALIDER_GRAPHIQUES=1, set by tests/conftest.py), the running app trusts its own code."""
    return chart.to_dict(validate=os.environ.get("OBSERVATOIRE_VALIDER_GRAPHIQUES") == "1")
