"""Files to download under every chart and table: CSV for French Excel, XLSX, PNG (2×) and SVG.

Every file carries what makes a figure quotable on its own: title, source, scope (territory, year),
provenance and export date.

Choices, each tested in tests/test_exports.py:
- CSV: ';' separator, decimal comma, UTF-8 with BOM (what Excel in French opens by double click).
  Numbers are written raw — no thousands separator, decimal comma, '-' minus — because Excel and
  LibreOffice in French read "50687" and "4,6" as numbers, but read "50 687" (narrow no-break space)
  or "−4,6" (U+2212) as text. A column of percentages is written as plain numbers and its header says
  "(%)". The metadata lines come first, then one empty line, then the table.
- XLSX: numbers stored as numbers with a French-looking number format (grouped thousands, "%" suffix);
  a title row, then source, scope, provenance and date, then the table with a frozen header.
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
  XLSX, a line of the subtitle of PNG and SVG.
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

import pandas as pd

from observatoire import config, formats
from observatoire.provenance import Provenance

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
    valeurs: list            # int/float numbers, str texts, None for missing
    unite: str = ""          # "%" or "€" when the column's numbers carry that unit
    decimales: int = 0
    # Raw numbers (not French text) keep their own precision: 50687 and 36.8 in one column of values.
    par_cellule: bool = False


def _decimales(x: float) -> int:
    if float(x).is_integer():
        return 0
    texte = f"{x:.6f}".rstrip("0")
    return min(len(texte.split(".")[1]), 3)


def _colonne(nom: str, serie: pd.Series) -> Colonne:
    valeurs, unites, decimales, textes_lus = [], set(), 0, False
    for x in serie.tolist():
        if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT:
            valeurs.append(None)
        elif isinstance(x, bool):
            valeurs.append("oui" if x else "non")
        elif isinstance(x, int | float) or hasattr(x, "dtype"):  # numpy scalars too
            v = x.item() if hasattr(x, "item") else x
            if isinstance(v, bool):
                valeurs.append("oui" if v else "non")
                continue
            if isinstance(v, float) and math.isnan(v):
                valeurs.append(None)
                continue
            valeurs.append(v)
            decimales = max(decimales, _decimales(v))
        elif isinstance(x, dt.date | pd.Timestamp):
            valeurs.append(x.strftime("%d/%m/%Y"))
        else:
            texte = str(x)
            if texte in ("", "–"):  # formats.py's mark for a missing value
                valeurs.append(None)
                continue
            lu = nombre_francais(texte)
            if lu is None:
                valeurs.append(texte)
            else:
                v, unite = lu
                valeurs.append(v)
                unites.add(unite)
                textes_lus = True
                dec = re.search(r",(\d+)", texte)
                decimales = max(decimales, len(dec.group(1)) if dec else 0)
    unite = unites.pop() if len(unites) == 1 else ""
    return Colonne(str(nom), valeurs, unite, decimales, par_cellule=not textes_lus)


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

def _format_excel(col: Colonne, valeur: float | None = None) -> str:
    decimales = _decimales(valeur) if col.par_cellule and valeur is not None else col.decimales
    base = "#,##0" + ("." + "0" * decimales if decimales else "")
    if col.unite == "%":
        return base + '" %"'
    if col.unite == "€":
        return base + '" €"'
    return base


def xlsx(df: pd.DataFrame, ctx: Contexte) -> bytes:
    """One sheet: title, source, scope, provenance, date, then the table (numbers as numbers)."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    cols, ctx = _preparer(df, ctx)
    wb = Workbook()
    ws = wb.active
    ws.title = "Données"
    lignes = ctx.lignes()
    for i, texte in enumerate(lignes, start=1):
        cell = ws.cell(row=i, column=1, value=neutraliser(texte))
        cell.data_type = "s"
        cell.font = Font(bold=True, size=14) if i == 1 else Font(italic=True, color="444444")
    entete = len(lignes) + 2
    for j, col in enumerate(cols, start=1):
        cell = ws.cell(row=entete, column=j, value=neutraliser(_entete(col)))
        cell.data_type = "s"
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1D4E89")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        largeur = len(_entete(col))
        for i, v in enumerate(col.valeurs, start=entete + 1):
            if v is None:
                continue
            if isinstance(v, str):
                c = ws.cell(row=i, column=j, value=neutraliser(v))
                c.data_type = "s"  # never a formula, whatever the text
                c.alignment = Alignment(horizontal="right") if v == formats.SECRET else Alignment()
                largeur = max(largeur, len(v))
            else:
                c = ws.cell(row=i, column=j, value=v)
                c.number_format = _format_excel(col, v)
                largeur = max(largeur, len(formats.nombre(v)) + 2)
        ws.column_dimensions[get_column_letter(j)].width = min(max(10, largeur + 2), 60)
    ws.freeze_panes = ws.cell(row=entete + 1, column=1)
    if cols:
        ws.auto_filter.ref = f"A{entete}:{get_column_letter(len(cols))}{entete + len(df)}"
    wb.properties.title = ctx.titre
    wb.properties.creator = "Observatoire des Missions Locales de Normandie"
    wb.properties.description = " — ".join(lignes[1:])
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


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
    if not code or code == config.REGION:
        return config.REGION
    from observatoire import db  # noqa: PLC0415

    df = db.requete("territoires_normandie")
    trouve = df.loc[df["code"] == str(code), "libelle"]
    return str(trouve.iloc[0]) if len(trouve) else str(code)


def notes_de(note: str | None) -> tuple[str, ...]:
    """The caveat shown under a chart or table, as the metadata line of its files."""
    return (f"Note : {note}",) if note and note.strip() else ()
