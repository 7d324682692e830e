"""Charts for printed documents: a Vega-Lite spec drawn as SVG at the size it is printed, so that its text
stays at least 8 pt on paper (the sheet's charts were drawn at 600 px and shrunk to 84 mm: 3 to 4,7 pt).

Sizes: 1 CSS pixel = 0,75 pt. Text at 12 px is 9 pt when the SVG is placed at its natural width; the chart's
own width is narrowed until the whole drawing (axes, legend) fits the column, instead of shrinking the SVG.
"""
from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

PT_PAR_PX = 0.75
TEXTE_PX = 12          # 9 pt at natural size
TITRE_PX = 12
TAILLE_MIN_PT = 8.0


ETROIT_PT = 300        # under this width a legend's entries are stacked, so that the legend does not set the width


def _configurer(spec: dict, etroit: bool = False) -> dict:
    """Every text of the chart at TEXTE_PX (axes, legends, text marks), no title (the document prints it)."""
    spec = copy.deepcopy(spec)
    config = spec.setdefault("config", {})
    for cle, champs in (("axis", ("labelFontSize", "titleFontSize")), ("legend", ("labelFontSize", "titleFontSize")),
                        ("header", ("labelFontSize", "titleFontSize"))):
        config.setdefault(cle, {}).update({c: TEXTE_PX for c in champs})
    if etroit:
        config["legend"]["columns"] = 1
    config.setdefault("text", {})["fontSize"] = TEXTE_PX
    config.setdefault("title", {})["fontSize"] = TITRE_PX
    spec.pop("title", None)
    _tailles_des_marques(spec)
    return spec


def _tailles_des_marques(noeud) -> None:
    """A text mark may carry its own fontSize (e.g. 20 for the projector): bring it to TEXTE_PX."""
    if isinstance(noeud, dict):
        marque = noeud.get("mark")
        if isinstance(marque, dict) and marque.get("type") == "text" and "fontSize" in marque:
            marque["fontSize"] = TEXTE_PX
        for valeur in noeud.values():
            _tailles_des_marques(valeur)
    elif isinstance(noeud, list):
        for valeur in noeud:
            _tailles_des_marques(valeur)


def largeur_px(svg: str) -> float:
    return float(re.search(r'<svg[^>]*\bwidth="([\d.]+)', svg).group(1))


def hauteur_px(svg: str) -> float:
    return float(re.search(r'<svg[^>]*\bheight="([\d.]+)', svg).group(1))


def _rendre(spec: dict) -> str:
    import vl_convert as vlc  # noqa: PLC0415

    return vlc.vegalite_to_svg(spec)


def svg(spec: dict, largeur_max_pt: float, hauteur_max_pt: float | None = None) -> str:
    """The chart as SVG whose natural size fits `largeur_max_pt` (and `hauteur_max_pt`), text at 9 pt."""
    # Drawn once per spec and size: the DOCX and the PDF of one report share their drawings.
    return _svg(json.dumps(spec, sort_keys=True, default=str), largeur_max_pt, hauteur_max_pt)


MARGE_PX = 150         # first guess of what axes and a side legend add to the plot's width


@lru_cache(maxsize=64)
def _svg(spec_json: str, largeur_max_pt: float, hauteur_max_pt: float | None) -> str:
    spec = _configurer(json.loads(spec_json), etroit=largeur_max_pt < ETROIT_PT)
    largeur_max_px = largeur_max_pt / PT_PAR_PX
    if spec.get("width", 600) > largeur_max_px - MARGE_PX:  # a guess that usually fits at the first drawing
        spec["width"] = int(largeur_max_px - MARGE_PX)
    dessin = _rendre(spec)
    libre_px = largeur_max_px - largeur_px(dessin)
    if libre_px > 0.05 * largeur_max_px and "projection" not in spec:  # the guess was too cautious: widen once
        spec["width"] = int(spec.get("width", 600) + libre_px) - 2
        dessin = _rendre(spec)
    for _ in range(3):  # axes and legend take a fixed width: narrow the plot by the excess, until it fits
        trop_large = largeur_px(dessin) - largeur_max_px
        trop_haut = hauteur_px(dessin) - hauteur_max_pt / PT_PAR_PX if hauteur_max_pt else 0
        if trop_large <= 1 and trop_haut <= 1:
            return dessin
        _retrecir(spec, max(trop_large, 0), max(trop_haut, 0))
        dessin = _rendre(spec)
    return dessin


def _retrecir(spec: dict, trop_large_px: float, trop_haut_px: float) -> None:
    """Takes the excess off the plot itself (axes and legend keep their size); a map keeps its proportions."""
    largeur, hauteur = spec.get("width", 600), spec.get("height", 320)
    spec["width"] = int(largeur - trop_large_px) - 2
    spec["height"] = int(hauteur - trop_haut_px) - 2
    if "projection" in spec:
        facteur = min(spec["width"] / largeur, spec["height"] / hauteur)
        spec["width"], spec["height"] = int(largeur * facteur), int(hauteur * facteur)


def taille_texte_min_pt(dessin: str, largeur_placee_pt: float) -> float:
    """The smallest text of an SVG placed at `largeur_placee_pt`, in points on paper."""
    tailles = [float(t) for t in re.findall(r'font-size="([\d.]+)(?:px)?"', dessin)]
    tailles += [float(t) for t in re.findall(r"font-size:\s*([\d.]+)px", dessin)]
    echelle = largeur_placee_pt / (largeur_px(dessin) * PT_PAR_PX)
    return min(tailles) * PT_PAR_PX * echelle if tailles else float("inf")
