"""The observatory's colours, in one place for every channel: Altair charts, Leaflet maps, the PDF sheets and
the slides. No streamlit, no plotting library: hexadecimal strings only (fpdf and python-pptx convert them
with `rgb`)."""
from __future__ import annotations

BLEU = "#1d4e89"          # the observatory's colour: bars, lines, headline figures
BLEU_CLAIR = "#9db4d3"    # the other territories beside the chosen one (same hue, so the eye goes to the chosen)
GRIS = "#6b7280"          # secondary marks: axes, projections
GRIS_CLAIR = "#9aa5b1"    # the region beside a territory
ORANGE = "#c2410c"        # what the reader compares with: a reference line, an objective, the word "secret"
TEXTE = "#1a1a1a"
GRILLE = "#e5e7eb"
BLANC = "#ffffff"

# Colour-blind-safe categorical palette (Okabe–Ito, reordered, darkened for contrast on white).
CATEGORIELLE = ["#1d4e89", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a7a00", "#000000"]

# The one sequential scale, light to dark (ColorBrewer "Blues"): map classes, and any chart coloured by a value.
SEQUENTIELLE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"]

# Maps
SANS_VALEUR = "#d9d9d9"   # a territory with no value shown (none, or secret)
CONTOUR = "#ffffff"
CONTOUR_SELECTION = "#d94801"
FOND_CARTE = "#f4f1ea"    # light paper tone: the region stands out without any basemap
ANTENNE = "#fdd0a2"


def rgb(couleur: str) -> tuple[int, int, int]:
    """'#1d4e89' -> (29, 78, 137), for the PDF and the slides."""
    h = couleur.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
