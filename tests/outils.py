"""Helpers shared by the server-side tests."""
from __future__ import annotations

import html
import json
import math
import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.state.common import user_key_from_element_id
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def lancer(page: str | None = None, timeout: int = 120, **session) -> AppTest:
    """Runs the app (optionally switching to pages/<page>), with session_state values set first."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}").run()
    return at


def textes(at: AppTest) -> str:
    """Everything a reader sees as text on the page (markdown, captions, titles, metrics)."""
    parties = [t.value for t in at.title] + [h.value for h in at.subheader] + [m.value for m in at.markdown]
    parties += [c.value for c in at.caption] + [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parties)


# --- what a reader sees, element by element (tests/test_couverture_indicateurs.py) --------------------------

@dataclass(frozen=True)
class Bloc:
    """What a reader sees together: a card (bordered container, all its elements), one text element (markdown,
    caption, title, header, info/warning, code, metric, progress text, expander or tab label), one row of a
    table, one datum of a Vega-Lite chart (the fields its text marks, tooltips, category axes and legends show).
    `cellules`: (text, column or field name) pairs; the name is '' outside tables and charts.
    `contexte`: what is read with a chart's datum without being part of it: the chart's title and source line."""
    genre: str  # "carte" | "texte" | "ligne" | "point"
    cellules: tuple[tuple[str, str], ...]
    contexte: tuple[str, ...] = ()

    @property
    def texte(self) -> str:
        """The bloc's own text (its cells), without its context."""
        return "\n".join(t for t, _ in self.cellules)


_ELEMENTS_TEXTE = (et.Markdown, et.Caption, et.Title, et.Header, et.Subheader, et.Code, et.Text, et.Latex,
                   et.Info, et.Warning, et.Error, et.Success)


def _sans_html(s: str) -> str:
    """The text of an HTML snippet, a block (paragraph, division, item, line break) on its own line; style sheets
    and scripts are not text."""
    s = re.sub(r"<(style|script)\b.*?</\1\s*>", "", s, flags=re.IGNORECASE | re.DOTALL)
    s = re.sub(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section)\b[^>]*>", "\n", s, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", s))


def _cellule(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _texte_element(n) -> str | None:
    if isinstance(n, _ELEMENTS_TEXTE):
        return _sans_html(str(n.value))
    if isinstance(n, et.Metric):
        return " ".join(str(x) for x in (n.label, n.value, n.delta) if x)
    if isinstance(n, et.UnknownElement) and n.type == "progress":
        return n.proto.progress.text
    return None


def _d3(v, fmt: str | None) -> str:
    """A chart value as the chart writes it: the d3-format specifiers the app uses (',d', '.1%', ',.1f', ',~f'),
    with the French locale the charts are given (observatoire/vue/graphiques.py LOCALE_VEGA =
    observatoire/formats.py)."""
    from observatoire import formats  # noqa: PLC0415

    if not isinstance(v, numbers.Real) or isinstance(v, bool):
        return _cellule(v)
    if isinstance(v, float) and math.isnan(v):
        return ""
    m = re.fullmatch(r",?(?:\.(\d+))?(~?)([df%])", fmt or "")
    if m is None:
        return formats.nombre(v)
    decimales, sans_zeros, genre = m.groups()
    if genre == "%":
        return formats.pourcentage(100 * v, int(decimales or 0))
    if genre == "d":
        return formats.nombre(round(v), 0)
    return formats.nombre(v, None if sans_zeros or decimales is None else int(decimales))


def _champs_lus(spec) -> dict[str, str | None]:
    """Fields of a Vega-Lite spec a reader reads (text marks, tooltips, nominal/ordinal axes and legends) and their
    format, over every layer."""
    champs: dict[str, str | None] = {}

    def voir(x):
        if isinstance(x, dict):
            for canal, defs in (x.get("encoding") or {}).items():
                for d in defs if isinstance(defs, list) else [defs]:
                    if isinstance(d, dict) and "field" in d and (
                            canal in ("text", "tooltip") or d.get("type") in ("nominal", "ordinal")):
                        champs.setdefault(d["field"], d.get("format"))
            for v in x.values():
                voir(v)
        elif isinstance(x, list):
            for v in x:
                voir(v)

    voir(spec)
    return champs


def _tables_du_graphique(proto, spec) -> list[pd.DataFrame]:
    """The chart's data: the datasets Streamlit sends beside the spec, and any data written inside it."""
    tables = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in proto.datasets]
    if proto.data.data:
        tables.append(convert_arrow_bytes_to_pandas_df(proto.data.data))
    tables += [pd.DataFrame(valeurs) for valeurs in (spec.get("datasets") or {}).values()]

    def en_ligne(x):  # {"data": {"values": [...]}} in a layer
        if isinstance(x, dict):
            if isinstance(x.get("data"), dict) and isinstance(x["data"].get("values"), list):
                tables.append(pd.DataFrame(x["data"]["values"]))
            for v in x.values():
                en_ligne(v)
        elif isinstance(x, list):
            for v in x:
                en_ligne(v)

    en_ligne({k: v for k, v in spec.items() if k != "datasets"})
    return tables


def _points(proto, contexte: tuple[str, ...]) -> list[Bloc]:
    spec = json.loads(proto.spec)
    champs = _champs_lus(spec)
    blocs = []
    for df in _tables_du_graphique(proto, spec):
        lus = [c for c in df.columns if c in champs]
        for ligne in df[lus].to_dict("records"):
            # '|' cuts a long category label into lines (observatoire/vue/thematiques.py COUPURE)
            blocs.append(Bloc("point", tuple((_d3(ligne[c], champs[c]).replace("|", " "), c) for c in lus),
                              contexte))
    return blocs


def _contexte_du_graphique(freres: list, k: int) -> tuple[str, ...]:
    """The heading just above a chart and the 'Source : …' line under it (observatoire/vue/graphiques.afficher)."""
    contexte = []
    if k and isinstance(freres[k - 1], (et.Title, et.Header, et.Subheader)):
        contexte.append(str(freres[k - 1].value))
    contexte += [str(n.value) for n in freres[k + 1:k + 5]
                 if isinstance(n, et.Caption) and str(n.value).startswith("Source")][:1]
    return tuple(contexte)


def blocs_visibles(at: AppTest) -> list[Bloc]:
    """Everything a reader can see on the page just run (main area and sidebar), bloc by bloc."""
    blocs: list[Bloc] = []

    def parcourir(noeud, carte: list[str] | None) -> None:
        if isinstance(noeud, et.Block):
            if isinstance(noeud, (et.Expander, et.Tab)) and noeud.label:
                blocs.append(Bloc("texte", ((noeud.label, ""),)))
            p = noeud.proto if type(noeud) is et.Block else None
            if carte is None and p is not None and p.WhichOneof("type") == "flex_container" \
                    and p.flex_container.border:
                contenu: list[str] = []
                for enfant in noeud.children.values():
                    parcourir(enfant, contenu)
                blocs.append(Bloc("carte", tuple((t, "") for t in contenu)))
                return
            freres = list(noeud.children.values())
            for k, enfant in enumerate(freres):
                if getattr(enfant, "type", None) in ("vega_lite_chart", "arrow_vega_lite_chart"):
                    blocs.extend(_points(enfant.proto, _contexte_du_graphique(freres, k)))
                else:
                    parcourir(enfant, carte)
            return
        texte = _texte_element(noeud)
        if texte is not None:
            if carte is not None:
                carte.append(texte)
            else:
                blocs.append(Bloc("texte", ((texte, ""),)))
        elif isinstance(noeud, (et.Dataframe, et.Table)):
            colonnes = [str(c) for c in noeud.value.columns]
            blocs.extend(Bloc("ligne", tuple((_cellule(v), c) for v, c in zip(ligne, colonnes)))
                         for ligne in noeud.value.itertuples(index=False, name=None))

    parcourir(at.main, None)
    parcourir(at.sidebar, None)
    return blocs


def onglets_lies(at: AppTest) -> dict[str, list[str]]:
    """Tabs bound to a key (st.tabs(key=…): only the selected tab is drawn), as key -> the labels of the tabs that
    drew nothing in the run just made: set st.session_state[key] to one of them and run again to see it."""
    trouves: dict[str, list[str]] = {}

    def parcourir(noeud) -> None:
        if not isinstance(noeud, et.Block):
            return
        p = noeud.proto if type(noeud) is et.Block else None
        if p is not None and p.WhichOneof("type") == "tab_container":
            cle = p.tab_container.query_param_key or user_key_from_element_id(p.tab_container.id)
            if cle:
                trouves[cle] = [e.label for e in noeud.children.values() if isinstance(e, et.Tab) and not e.children]
        for enfant in noeud.children.values():
            parcourir(enfant)

    parcourir(at.main)
    return trouves
