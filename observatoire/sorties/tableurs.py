"""Files to download under every chart and table: CSV for French Excel, XLSX, PNG (2×) and SVG.

Every file carries what makes a figure quotable on its own: title, source, scope (territory, year),
provenance and export date.

Choices, each tested in tests/test_exports.py:
- CSV: ';' separator, decimal comma, UTF-8 with BOM (what Excel in French opens by double click).
  Numbers are written raw — no thousands separator, decimal comma, '-' minus — because Excel and
  LibreOffice in French read "50687" and "4,6" as numbers, but read "50 687" (narrow no-break space)
  or "−4,6" (U+2212) as text. A column of percentages is written as plain numbers and its header says
  "(%)". The metadata lines come first, then one empty line, then the table.
- XLSX: numbers stored as numbers, each with the format it had on screen (grouped thousands, its decimals,
  its "%" or "€"), so that a column holding one indicator per row prints counts and shares alike right;
  years with format "0" (2022, never "2 022"); dates as date cells; a title row, then source, scope,
  provenance, caveats and date, then the table with a frozen header. Printable as is: Arial named
  everywhere, long texts wrapped in columns laid out with Arial's metrics, row heights set, landscape A4
  one page wide, header row repeated, title and source in the page header and footer.
  Shares stay numbers in percent (36.8 with format `0.0" %"`, printed "36,8 %" by LibreOffice fr-FR and
  French Excel) rather than fractions with a % format: the cell holds the figure the report, the screen
  and the CSV show.
- Tables given to the pages are often already formatted in French ("50 687", "4,6 %", "secret"):
  such text is turned back into numbers; "secret" and "–" stay text.
- Formula injection (OWASP "CSV injection"): a text cell starting with =, +, -, @, tab or carriage
  return is prefixed with an apostrophe in CSV and XLSX, so no spreadsheet evaluates it; numbers
  are numbers, never prefixed.
- Secrecy guard: pages pass frames already suppressed (observatoire/secret.py). As a last line of
  defence, a table computed from extracts (provenance EXTRAITS or DEMO) has any whole count between
  1 and SEUIL_SECRET − 1 replaced by "secret" at export, in columns that hold counts — integer
  columns other than years, months, weeks, days, ages, ranks, codes, shares and rates, each recognised
  as a whole word of the column's name (the "age" of "Engagement" is no age) — and the file says how
  many cells were masked. Published regional figures are not concerned.
- PNG and SVG come from the same Vega-Lite spec as the screen (chart.to_dict() with the registered
  theme, hence the French locale), converted offline by vl-convert, with the title, the scope, the
  source and the date added as the chart's title and subtitle.
- A caveat shown under a chart or table (`note`: "appariement incertain", "plusieurs réponses
  possibles : total 142 %") travels with its files: a "Note : …" line among the metadata of CSV and
  XLSX, a line of the subtitle of PNG and SVG; so do the caveats the page shows beside it (uncertain
  pairings, derived formulas: Contexte.notes) and, for demonstration data, the screen's warning.
- Streamlit's own export controls (tables' "Download as CSV", charts' "Download as PNG") would bypass
  all of this: they are hidden on every page (observatoire/ui.py, CSS_GLOBAL).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from observatoire import config, formats
from observatoire.provenance import AVERTISSEMENT_DEMO, Provenance

log = logging.getLogger(__name__)

DANGEREUX = ("=", "+", "-", "@", "\t", "\r")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "svg": "image/svg+xml",
}
LARGEUR_EXPORT = 640  # px: wide enough for the title, subtitle and source lines of the exported image
_NOMBRE_FR = re.compile(
    r"^(?P<signe>[+\-\u2212]?)(?P<entier>\d{1,3}(?:[\u202f\u00a0 ]\d{3})+|\d+)(?:,(?P<dec>\d+))?"
    r"(?:[\u202f\u00a0 ]?(?P<unite>%|€))?$")
# Whole words only ("Âge", "Tranche d'âge", "annee_naissance", "Mois"), never inside another word: the
# "age" of "Engagement" or "apprentissage", the "jour" of "séjour" are counts. A letter or a digit on either
# side means "inside a word"; "_" and punctuation separate words. Shares and rates are not counts either.
_PAS_DES_COMPTES = re.compile(
    r"(?<![^\W_])(?:ann[ée]es?|mois|semaines?|jours?|dates?|[aâ]ges?|rangs?|codes?|id|ordres?|trimestres?"
    r"|parts?|taux|pourcentages?)(?![^\W_])|%",
    re.IGNORECASE)


# --- metadata -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contexte:
    """What every exported file states about its content."""
    titre: str
    source: str
    perimetre: str                       # e.g. "Normandie, 2022" or "Calvados (14), 2022"
    provenance: Provenance | None = None
    date: dt.date = field(default_factory=dt.date.today)
    notes: tuple[str, ...] = ()          # caveats that must travel with the figures, one line each

    @property
    def date_texte(self) -> str:

        return formats.date(self.date)

    def lignes(self) -> list[str]:
        lignes = [self.titre, f"Source : {self.source}", f"Périmètre : {self.perimetre}"]
        if self.provenance is not None:
            lignes.append(f"Provenance : {self.provenance.libelle}")
        if self.provenance is Provenance.DEMO:  # the screen's orange banner, in words: a copied file keeps it
            lignes.append(AVERTISSEMENT_DEMO)
        lignes += list(self.notes)
        lignes.append(f"Exporté le {self.date_texte} depuis l'Observatoire des Missions Locales de Normandie")
        return lignes


def nom_fichier(titre: str, perimetre: str, extension: str) -> str:
    """'Entrées en CEJ', 'Normandie, 2022' -> 'entrees-en-cej_normandie-2022.csv'."""
    def slug(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60].strip("-")
    return f"{slug(titre) or 'export'}_{slug(perimetre) or 'normandie'}.{extension}"


# --- cells: numbers back from French text, formula neutralisation --------------------------------

def neutraliser(texte: str) -> str:
    """OWASP: a text cell that a spreadsheet could read as a formula gets a leading apostrophe."""
    return "'" + texte if texte.startswith(DANGEREUX) else texte


def nombre_francais(texte: str) -> tuple[float | int, str] | None:
    """'50 687' -> (50687, ''); '−4,6 %' -> (-4.6, '%'); '1 234,50 €' -> (1234.5, '€'); else None."""
    m = _NOMBRE_FR.match(texte.strip())
    if not m:
        return None
    entier = re.sub(r"\D", "", m["entier"])
    valeur: float | int = float(f"{entier}.{m['dec']}") if m["dec"] else int(entier)
    if m["signe"] in ("-", "\u2212"):
        valeur = -valeur
    return valeur, m["unite"] or ""


@dataclass
class Colonne:
    nom: str
    valeurs: list            # int/float numbers, str texts, dt.date dates, None for missing
    unite: str = ""          # "%" or "€" when every number of the column carries that unit
    # Per cell, the unit and decimals a number had on screen ("4,6 %" -> ("%", 1)); None for raw numbers,
    # which keep their own precision. A column of one indicator per row (a territory's sheet) mixes counts
    # and shares: each cell keeps its own format, so a share keeps its "%" and a count gets no ",0".
    lus: list[tuple[str, int] | None] = field(default_factory=list)

    def format_de(self, i: int) -> tuple[str, int]:
        """Unit and decimals of the number in row `i`, as the screen showed it."""
        lu = self.lus[i] if i < len(self.lus) else None
        if lu is not None:
            return lu
        return self.unite, _decimales(self.valeurs[i])


_DATE_FR = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_DATE_LONGUE = re.compile(r"^(\d{1,2})(?:er)? (\w+) (\d{4})$")  # "31 janvier 2022", "1er mars 2022" (formats.date)
MOIS_LONGS = [formats.mois(i) for i in range(1, 13)]


def _decimales(x: float) -> int:
    if float(x).is_integer():
        return 0
    texte = f"{x:.6f}".rstrip("0")
    return min(len(texte.split(".")[1]), 3)


def _date(x) -> dt.date | None:
    """A date cell: Python and pandas dates, and French text dates ("05/12/2022") as pages show them."""
    if isinstance(x, pd.Timestamp | dt.datetime):
        return x.date() if (x.hour, x.minute, x.second) == (0, 0, 0) else None
    if isinstance(x, dt.date):
        return x
    return _date_texte(x) if isinstance(x, str) else None


def _date_texte(x: str) -> dt.date | None:
    """A French text date, short ("05/12/2022") or long ("5 décembre 2022"); None when it is no real date."""
    m = _DATE_FR.match(x)
    if m:
        jour, mois, an = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DATE_LONGUE.match(x)
        if not (m and m[2] in MOIS_LONGS):
            return None
        jour, mois, an = int(m[1]), MOIS_LONGS.index(m[2]) + 1, int(m[3])
    try:
        return dt.date(an, mois, jour)
    except ValueError:
        return None


def _cellule(x) -> tuple[object, tuple[str, int] | None]:
    """A value of a page's table as a file holds it, with the unit and decimals it was read with."""
    if x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x)):
        return None, None
    if hasattr(x, "item") and not isinstance(x, pd.Timestamp):  # numpy scalars
        x = x.item()
    if isinstance(x, bool):
        return ("oui" if x else "non"), None
    if isinstance(x, int | float):
        return (None if isinstance(x, float) and math.isnan(x) else x), None
    date = _date(x)
    if date is not None:
        return date, None
    if isinstance(x, dt.datetime | pd.Timestamp):
        return x.strftime("%d/%m/%Y %H:%M"), None
    return _cellule_texte(str(x))


def _cellule_texte(texte: str) -> tuple[object, tuple[str, int] | None]:
    """A text cell: a French number ("12,5 %") as the number with its unit and decimals, else the text."""
    if texte in ("", "–"):  # formats.py's mark for a missing value
        return None, None
    lu = nombre_francais(texte)
    if lu is None:
        return texte, None
    valeur, unite = lu
    dec = re.search(r",(\d+)", texte)
    return valeur, (unite, len(dec.group(1)) if dec else 0)


def _colonne(nom: str, serie: pd.Series) -> Colonne:
    cellules = [_cellule(x) for x in serie.tolist()]
    valeurs = [v for v, _ in cellules]
    lus = [lu for _, lu in cellules]
    unites = {lu[0] for lu in lus if lu is not None}
    bruts = any(isinstance(v, int | float) and lu is None for v, lu in cellules)
    unite = unites.pop() if len(unites) == 1 and not bruts else ""
    return Colonne(str(nom), valeurs, unite, lus)


def colonnes(df: pd.DataFrame) -> list[Colonne]:
    return [_colonne(nom, df[nom]) for nom in df.columns]


def _entete(col: Colonne) -> str:
    if col.unite and col.unite not in col.nom:
        return f"{col.nom} ({col.unite})"
    return col.nom


# --- secrecy guard --------------------------------------------------------------------------------

def _est_compte(col: Colonne) -> bool:
    nombres = [v for v in col.valeurs if isinstance(v, int | float)]
    return (bool(nombres) and col.unite == "" and not _PAS_DES_COMPTES.search(col.nom)
            and all(float(v).is_integer() and v >= 0 for v in nombres))


def garder_secret(cols: list[Colonne], provenance: Provenance | None,
                  seuil: int | None = None) -> tuple[list[Colonne], int]:
    """Last line of defence (see module docstring): returns the columns and how many cells were masked."""
    if provenance not in (Provenance.EXTRAITS, Provenance.DEMO):
        return cols, 0
    seuil = config.SEUIL_SECRET if seuil is None else seuil
    masques = 0
    sorties = []
    for col in cols:
        if _est_compte(col):
            nouvelles = []
            for v in col.valeurs:
                if isinstance(v, int | float) and 0 < v < seuil:
                    nouvelles.append(formats.SECRET)
                    masques += 1
                else:
                    nouvelles.append(v)
            col = replace(col, valeurs=nouvelles)
        sorties.append(col)
    if masques:
        log.warning("export : %d effectif(s) inférieur(s) à %d masqué(s) par le garde-fou", masques, seuil)
    return sorties, masques


def _preparer(df: pd.DataFrame, ctx: Contexte) -> tuple[list[Colonne], Contexte]:
    cols, masques = garder_secret(colonnes(df), ctx.provenance)
    if masques:
        ctx = replace(ctx, notes=ctx.notes + (
            f"Secret statistique : {masques} effectif(s) inférieur(s) à {config.SEUIL_SECRET} "
            "masqué(s) à l'export (« secret »)",))
    return cols, ctx


# --- CSV ------------------------------------------------------------------------------------------

def _cellule_csv(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return neutraliser(v)
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")  # French Excel reads it as a date
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.10g}".replace(".", ",")


def csv_fr(df: pd.DataFrame, ctx: Contexte) -> bytes:
    """CSV for French Excel: metadata lines, one empty line, header, rows (see module docstring)."""
    cols, ctx = _preparer(df, ctx)
    sortie = io.StringIO()
    w = csv.writer(sortie, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for ligne in ctx.lignes():
        w.writerow([neutraliser(ligne)])
    w.writerow([])
    w.writerow([neutraliser(_entete(c)) for c in cols])
    for i in range(len(df)):
        w.writerow([_cellule_csv(c.valeurs[i]) for c in cols])
    return ("\ufeff" + sortie.getvalue()).encode("utf-8")


def lignes_entete_csv(ctx: Contexte) -> int:
    """How many lines come before the table's header (for readers: skiprows)."""
    return len(ctx.lignes()) + 1


# --- XLSX -----------------------------------------------------------------------------------------

# Arial is on every Windows and Mac office PC; LibreOffice draws it with Liberation Sans, whose letters
# have the same widths, so a sheet wraps and paginates alike everywhere. A cell style without a font
# name is drawn in the reader's default font, which LibreOffice may resolve to a serif.
POLICE_BUREAU = "Arial"
TAILLE = 10
LARGEUR_TEXTE_MAX = 48     # units: the width of a sheet without columns
LARGEUR_MIN = 7
FORMAT_DATE = "DD/MM/YYYY"  # 05/12/2022 in a French office suite, a real date (sorts, filters, computes)
BLEU_ENTETE = "1D4E89"
_ANNEE = re.compile(r"(?<![^\W_])(?:ann[ée]es?|an|exercice|mill[ée]sime)(?![^\W_])", re.IGNORECASE)


def _est_annee(col: Colonne) -> bool:
    """A column of years: printed as 2022, never with a thousands separator ("2 022")."""
    nombres = [v for v in col.valeurs if isinstance(v, int | float)]
    return (bool(nombres) and bool(_ANNEE.search(col.nom))
            and all(float(v).is_integer() and 1900 <= v <= 2100 for v in nombres))


def format_nombre(col: Colonne, i: int, annee: bool = False) -> str:
    """The number format of row `i`: a year as "0"; otherwise grouped thousands (a French office suite shows
    its own separator), the decimals the screen showed, and the unit. Shares stay numbers in percent
    (36.8, printed "36,8 %") rather than fractions with a "%" format: the cell holds the figure the report
    and the screen print, the CSV writes the same number, and LibreOffice fr-FR prints "36,8 %"."""
    if annee:
        return "0"
    unite, decimales = col.format_de(i)
    base = "#,##0" + ("." + "0" * decimales if decimales else "")
    return base + (f'" {unite}"' if unite in ("%", "€") else "")


def _texte_imprime(v) -> str:
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, int | float):
        return formats.nombre(v) + "\u00a0%"  # room for a unit
    return str(v)


# Column widths are counted in "0"s of the default font (Arial 10: 5.56 pt each). Texts are measured with
# Arial's metrics (Liberation Sans, its metric twin, where Arial is absent) to wrap them as the spreadsheet
# will, so that row heights fit their text and the printed page count is what the tests measure.
LARGEUR_ZERO_PT = 5.56
MARGE_CELLULE_PT = 3   # LibreOffice measured: "(rapport 2022)", 63.4 pt, fits a 12-unit (66.7 pt) column
HAUTEUR_LIGNE = 11.6        # pt: one line of Arial 10 in a wrapped cell
HAUTEUR_MIN = 12.8          # pt: a one-line row, as LibreOffice and Excel draw it
# Width units one landscape A4 page holds at 100 % (277 mm between margins). The sheet is printed one page
# wide: a table needing more than LARGEUR_IMPRIMABLE is laid out in that width, its long texts wrapped, and
# prints at 1/1.9 of its size at the least (Arial 10 -> 5.3 pt): the catalogue of the ~250 published figures,
# with their notes, then takes 7 landscape pages (tests/test_exports_bureautique.py).
LARGEUR_PAGE = 141
LARGEUR_IMPRIMABLE = 1.9 * LARGEUR_PAGE
# Identifiers are for machines (a catalogue's "Identifiant" is not on screen either): in the file, not printed.
NON_IMPRIMEES = ("Identifiant",)
_ARIAL = ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/msttcorefonts/Arial.ttf", "/Library/Fonts/Arial.ttf", "C:/Windows/Fonts/arial.ttf")


@lru_cache(maxsize=1)
def _police_de_mesure():
    from PIL import ImageFont  # noqa: PLC0415  (Pillow: a dependency of python-pptx)

    for chemin in _ARIAL:
        try:
            # Basic layout: no shaping library needed, and Latin text needs none.
            return ImageFont.truetype(chemin, 100, layout_engine=ImageFont.Layout.BASIC)
        except OSError:
            continue
    return None


@lru_cache(maxsize=65536)
def largeur_texte(texte: str, taille: float = TAILLE) -> float:
    """Width (pt) of a one-line text in Arial at `taille` pt; half an em per character without the font."""
    police = _police_de_mesure()
    if police is None:
        return 0.5 * taille * len(texte)
    return police.getlength(re.sub(r"[\x00-\x1f]", " ", texte)) * taille / 100


def _utile(largeur: float) -> float:
    """Room for text (pt) in a column `largeur` units wide."""
    return largeur * LARGEUR_ZERO_PT - MARGE_CELLULE_PT


def lignes_repliees(texte: str, largeur: float, taille: float = TAILLE) -> int:
    """Lines `texte` takes once wrapped between words in a column `largeur` units wide."""
    place, espace, lignes = _utile(largeur), largeur_texte(" ", taille), 0
    for morceau in str(texte).split("\n"):
        lignes, courant = lignes + 1, 0.0
        for mot in morceau.split():
            mesure = largeur_texte(mot, taille)
            if courant and courant + espace + mesure > place:
                lignes, courant = lignes + 1, mesure
            else:
                courant += (espace if courant else 0) + mesure
    return lignes


@lru_cache(maxsize=200_000)
def _lignes_cellule(texte: str, largeur: int) -> int:
    """Lines of a cell for the layout search: exact word wrap for short texts, where a word moving to the next
    line matters; the measured length over the room for long ones (notes), where it evens out."""
    place, longueur = _utile(largeur), largeur_texte(texte)
    if longueur <= place:
        return 1
    if longueur > 4 * place:
        return math.ceil(longueur / place * 1.05)
    return lignes_repliees(texte, largeur)


def largeurs_colonnes(textes: list[list[str]], disponible: float = LARGEUR_IMPRIMABLE) -> list[float]:
    """Column widths (units) for columns of texts (the header first): each column as wide as its longest word
    (words are never split), then, while the page has room, the widening (one column, up to 30 units) that
    saves the most printed lines per unit; no column wider than its longest text."""
    import numpy as np  # noqa: PLC0415

    def unites(pt: float) -> int:
        return math.ceil((pt + MARGE_CELLULE_PT) / LARGEUR_ZERO_PT + 0.3)

    minimum = [max(LARGEUR_MIN, max(unites(largeur_texte(m)) for t in col for m in _mots(t))) for col in textes]
    maximum = [max(m, max(unites(largeur_texte(t)) for t in col)) for m, col in zip(minimum, textes)]
    if sum(maximum) <= disponible:
        return [float(x) for x in maximum]
    distincts = [sorted(set(col)) for col in textes]
    rang = [np.array([d.index(t) for t in col]) for d, col in zip(distincts, textes)]

    @lru_cache(maxsize=None)
    def lignes(j: int, largeur: int) -> np.ndarray:
        return np.array([_lignes_cellule(t, largeur) for t in distincts[j]])[rang[j]]

    def cout(colonnes: list[np.ndarray]) -> float:
        """Printed lines: each row as tall as its tallest cell, plus a little for every wrapped line, so that
        widening one of two equally tall columns counts."""
        matrice = np.stack(colonnes, axis=1)
        return float(matrice.max(axis=1).sum() + 0.02 * matrice.sum())

    largeurs = list(minimum)
    actuelles = [lignes(j, w) for j, w in enumerate(largeurs)]
    actuel = cout(actuelles)
    while sum(largeurs) < disponible:
        meilleur = None
        for j in range(len(largeurs)):
            for extra in range(1, min(maximum[j] - largeurs[j], int(disponible - sum(largeurs)), 30) + 1):
                essai = actuelles[:j] + [lignes(j, largeurs[j] + extra)] + actuelles[j + 1:]
                gain = actuel - cout(essai)
                if gain > 0 and (meilleur is None or gain / extra > meilleur[0]):
                    meilleur = (gain / extra, j, extra)
        if meilleur is None:
            break
        _, j, extra = meilleur
        largeurs[j] += extra
        actuelles[j] = lignes(j, largeurs[j])
        actuel = cout(actuelles)
    return [float(x) for x in largeurs]


def _mots(texte: str) -> list[str]:
    return str(texte).split() or [""]


def _hauteur_ligne(textes: list[tuple[str, float]]) -> float:
    """Row height (pt) for wrapped cells: spreadsheets do not fit it on opening a file whose rows have none."""
    lignes = max((lignes_repliees(t, w) for t, w in textes), default=1)
    return max(HAUTEUR_MIN, HAUTEUR_LIGNE * lignes + 1.2)


def _pied_excel(texte: str, limite: int = 160) -> str:
    """A header/footer text: '&' doubled (it starts a code), cut at a word when too long for the margin."""
    if len(texte) > limite:
        texte = texte[:limite].rsplit(" ", 1)[0] + " …"
    return texte.replace("&", "&&")


def _mise_en_page(ws, ctx: Contexte, entete: int) -> None:
    """Landscape A4, one page wide, the header row repeated on every page, title and source on every page."""
    from openpyxl.worksheet.page import PageMargins  # noqa: PLC0415
    from openpyxl.worksheet.properties import PageSetupProperties  # noqa: PLC0415

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{entete}:{entete}"
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.55, bottom=0.55, header=0.25, footer=0.25)
    ws.oddHeader.left.text = _pied_excel(ctx.titre)
    ws.oddHeader.left.font = f"{POLICE_BUREAU},Bold"
    ws.oddHeader.right.text = _pied_excel(ctx.perimetre, 60)
    ws.oddHeader.right.font = POLICE_BUREAU
    ws.oddFooter.left.text = _pied_excel(f"Source : {ctx.source}")
    ws.oddFooter.left.font = POLICE_BUREAU
    ws.oddFooter.right.text = "Page &P sur &N"
    ws.oddFooter.right.font = POLICE_BUREAU
    for partie in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        partie.size = TAILLE  # scaled with the sheet when it is fitted to the page width


def _police_par_defaut(wb) -> None:
    """Arial 10 as the workbook's default font (style "Normal"), in place of openpyxl's Calibri 11: column
    widths are counted in "0"s of that font, and LibreOffice, lacking Calibri, would count them in a
    substitute's. openpyxl has no public setter: its default is the first font and the Normal style's."""
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils.indexed_list import IndexedList  # noqa: PLC0415

    defaut = Font(name=POLICE_BUREAU, sz=TAILLE, family=2)
    wb._fonts = IndexedList([defaut])
    wb._named_styles["Normal"].font = defaut


def xlsx(df: pd.DataFrame, ctx: Contexte) -> bytes:
    """One sheet: title, source, scope, provenance, caveats and date, then the table (numbers as numbers,
    a format per cell as on screen, real dates), printable as is (see _mise_en_page)."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    cols, ctx = _preparer(df, ctx)
    wb = Workbook()
    _police_par_defaut(wb)
    ws = wb.active
    ws.title = "Données"
    # Columns left out of the printed pages go last, so that the print area is the first columns.
    cols = [c for c in cols if c.nom not in NON_IMPRIMEES] + [c for c in cols if c.nom in NON_IMPRIMEES]
    imprimees = [c for c in cols if c.nom not in NON_IMPRIMEES] or cols
    largeurs, largeur_imprimee = _largeurs_xlsx(ws, cols, imprimees)
    derniere = get_column_letter(max(1, len(cols)))
    derniere_imprimee = get_column_letter(max(1, len(imprimees)))
    lignes = ctx.lignes()
    _lignes_meta_xlsx(ws, lignes, largeur_imprimee, derniere_imprimee if len(imprimees) > 1 else None)
    entete = len(lignes) + 2
    _tableau_xlsx(ws, cols, entete)
    ws.row_dimensions[entete].height = _hauteur_ligne([(_entete(c), w * 0.92) for c, w in zip(cols, largeurs)])
    for i in range(len(df)):
        textes = [(v, w) for c, w in zip(cols, largeurs) if isinstance(v := c.valeurs[i], str)]
        if any(largeur_texte(t) > _utile(w) for t, w in textes):
            ws.row_dimensions[entete + 1 + i].height = _hauteur_ligne(textes)
    ws.freeze_panes = ws.cell(row=entete + 1, column=1)
    if cols:
        ws.auto_filter.ref = f"A{entete}:{derniere}{entete + len(df)}"
    _mise_en_page(ws, ctx, entete)
    # Printed columns first (NON_IMPRIMEES are last in the tables that have them): the rest stays on screen.
    ws.print_area = f"A1:{derniere_imprimee}{entete + len(df)}"
    wb.properties.title = ctx.titre
    wb.properties.creator = "Observatoire des Missions Locales de Normandie"
    wb.properties.description = " — ".join(lignes[1:])
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def _largeurs_xlsx(ws, cols: list[Colonne], imprimees: list[Colonne]) -> tuple[list[float], float]:
    """Sets the columns' widths from their texts (the printed columns fitted together to the page); returns
    the widths and the printed columns' total width, which the metadata lines wrap to."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    textes = {c.nom: [_entete(c)] + ["" if v is None else _texte_imprime(v) for v in c.valeurs] for c in cols}
    largeurs_imprimees = dict(zip((c.nom for c in imprimees), largeurs_colonnes([textes[c.nom] for c in imprimees])))
    largeurs = [largeurs_imprimees.get(c.nom) or largeurs_colonnes([textes[c.nom]])[0] for c in cols]
    largeurs = largeurs or [LARGEUR_TEXTE_MAX]
    for j, largeur in enumerate(largeurs, start=1):
        ws.column_dimensions[get_column_letter(j)].width = largeur
    return largeurs, sum(largeurs_imprimees.values()) or largeurs[0]


def _lignes_meta_xlsx(ws, lignes: list[str], largeur_totale: float, fusion: str | None) -> None:
    """Metadata lines (title first) span the printed width (merged up to column `fusion`, when more than one
    column is printed) and wrap: a caveat is printed whole, not cut at the page edge."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    for i, texte in enumerate(lignes, start=1):
        cell = ws.cell(row=i, column=1, value=neutraliser(texte))
        cell.data_type = "s"
        titre = i == 1
        cell.font = Font(name=POLICE_BUREAU, size=14 if titre else TAILLE, bold=titre, italic=not titre,
                         color="1A1A1A" if titre else "444444")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if fusion:
            ws.merge_cells(f"A{i}:{fusion}{i}")
        # A merged cell's height is not fitted by spreadsheets: set from the wrapped lines it needs.
        taille = 14 if titre else TAILLE
        lignes_texte = lignes_repliees(texte, largeur_totale, taille * (1.1 if titre else 1.0))  # bold: wider
        ws.row_dimensions[i].height = max(HAUTEUR_MIN, taille * 1.16 * lignes_texte + 3)


def _tableau_xlsx(ws, cols: list[Colonne], entete: int) -> None:
    """The header row at row `entete`, then the cells: texts never formulas, numbers and dates as such, each
    with the format it had on screen."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415

    fin = Side(style="thin", color="BFBFBF")
    for j, col in enumerate(cols, start=1):
        cell = ws.cell(row=entete, column=j, value=neutraliser(_entete(col)))
        cell.data_type = "s"
        cell.font = Font(name=POLICE_BUREAU, size=TAILLE, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=BLEU_ENTETE)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        annee = _est_annee(col)
        for i, v in enumerate(col.valeurs):
            c = ws.cell(row=entete + 1 + i, column=j)
            c.font = Font(name=POLICE_BUREAU, size=TAILLE)
            c.border = Border(bottom=fin)
            if v is None:
                continue
            if isinstance(v, str):
                c.value = neutraliser(v)
                c.data_type = "s"  # never a formula, whatever the text
                c.alignment = Alignment(horizontal="right" if v == formats.SECRET else "general",
                                        vertical="top", wrap_text=True)
            else:  # numbers and dates, right-aligned one indent away from a text in the next column
                c.value = v
                c.number_format = FORMAT_DATE if isinstance(v, dt.date) else format_nombre(col, i, annee)
                c.alignment = Alignment(horizontal="right", vertical="top", indent=1)


# --- images ---------------------------------------------------------------------------------------

def _lignes_courtes(texte: str, largeur: int = 95) -> list[str]:
    return textwrap.wrap(texte, largeur) or [""]


def _json_date(x):
    if isinstance(x, dt.date | dt.datetime | pd.Timestamp):
        return x.isoformat()
    if hasattr(x, "item"):  # numpy scalars
        return x.item()
    raise TypeError(f"non sérialisable en JSON : {type(x).__name__}")


def spec_export(chart, ctx: Contexte) -> dict:
    """The on-screen Vega-Lite spec with title, scope, source, provenance and date written on the image."""
    # to_dict() applies the registered theme (French locale, fonts, colours); the JSON round trip turns
    # the dates some charts carry (pandas/datetime values in layers) into ISO strings vl-convert accepts.
    spec = json.loads(json.dumps(chart.to_dict(), default=_json_date))
    sous_titre = [ctx.perimetre]
    sous_titre += _lignes_courtes(f"Source : {ctx.source}")
    for note in ctx.notes:  # the chart's caveats ("appariement incertain", "total 142 %") stay on the image
        sous_titre += _lignes_courtes(note)
    bas = [f"Exporté le {ctx.date_texte}"]
    if ctx.provenance is not None:
        bas.insert(0, f"Provenance : {ctx.provenance.libelle}")
    sous_titre.append(" · ".join(bas))
    spec["title"] = {"text": _lignes_courtes(ctx.titre, 70), "subtitle": sous_titre,
                     "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#444444"}
    composite = any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))
    if not composite and spec.get("width") in (None, "container"):
        spec["width"] = LARGEUR_EXPORT
    if not composite and spec.get("height") == "container":
        spec["height"] = 320
    spec.setdefault("padding", 16)
    return spec


def png(chart, ctx: Contexte, echelle: int = 2) -> bytes:
    import vl_convert as vlc  # noqa: PLC0415

    return vlc.vegalite_to_png(spec_export(chart, ctx), scale=echelle)


def svg(chart, ctx: Contexte) -> bytes:
    import vl_convert as vlc  # noqa: PLC0415

    return vlc.vegalite_to_svg(spec_export(chart, ctx)).encode("utf-8")


# --- territory label and caveats ------------------------------------------------------------------

def libelle_territoire(code: str | None) -> str:
    """'14' -> 'Calvados (14)', '14-CAE' -> the Mission Locale's name, None -> the region."""
    from observatoire.publication import referentiel  # noqa: PLC0415  (it reads the queries: only when asked)

    return referentiel.libelle(code)


def notes_de(note: str | None) -> tuple[str, ...]:
    """The caveat shown under a chart or table, as the metadata line of its files."""
    return (f"Note : {note}",) if note and note.strip() else ()
