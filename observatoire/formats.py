"""French number formats, built on Babel, used in text, tables, charts and exports alike.

Narrow no-break space (U+202F) as thousands separator and before %, decimal comma,
true minus sign (U+2212) for negative values: 50 687 ; 4,6 % ; −4,6 % ; 1 234,50 €.
"""
from __future__ import annotations

import datetime as dt
import math
from numbers import Number

from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
NNBSP = "\u202f"
MINUS = "\u2212"
SECRET = "secret"


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _clean(text: str) -> str:
    # Babel's fr_FR already groups with U+202F; normalise minus and any other space.
    return text.replace("-", MINUS).replace("\u00a0", NNBSP)


def nombre(x: Number | None, decimales: int | None = None) -> str:
    """50687 -> '50 687' ; 4.6 with decimales=1 -> '4,6'."""
    if _is_missing(x):
        return "–"
    if decimales is None:
        decimales = 0 if float(x).is_integer() else 1
    pattern = "#,##0" + ("." + "0" * decimales if decimales else "")
    return _clean(format_decimal(x, format=pattern, locale=LOCALE))


def pourcentage(x: Number | None, decimales: int | None = None) -> str:
    """A value already in percent: 36.8 -> '36,8 %'."""
    if _is_missing(x):
        return "–"
    return f"{nombre(x, decimales)}{NNBSP}%"


def variation(x: Number | None, decimales: int = 1) -> str:
    """A signed change in percent: -4.6 -> '−4,6 %', 3 -> '+3,0 %'."""
    if _is_missing(x):
        return "–"
    signe = "+" if x > 0 else ""
    return f"{signe}{pourcentage(x, decimales)}"


def euros(x: Number | None, decimales: int = 2) -> str:
    """1234.5 -> '1 234,50 €'."""
    if _is_missing(x):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimales if decimales else "") + "\u00a0¤"
    return _clean(format_currency(x, "EUR", format=pattern, currency_digits=False, locale=LOCALE))


def valeur(x: Number | None, unite: str | None) -> str:
    """Formats a value according to its unit as recorded in indicateurs_publies.csv."""
    if isinstance(x, str):
        return x
    if unite == "%":
        return pourcentage(x)
    if unite == "€":
        return euros(x, 0 if float(x).is_integer() else 2)
    if unite == "points":
        return points(x)
    return nombre(x)


def points(x: Number | None) -> str:
    """A difference of percentages: -3.3 -> '−3,3 points', 0.9 -> '+0,9 point' (singular below 2, as in French)."""
    if _is_missing(x):
        return "–"
    signe = "+" if x > 0 else ""
    return f"{signe}{nombre(x)}\u00a0point{'s' if abs(x) >= 2 else ''}"


def date(d: dt.date | str, court: bool = False) -> str:
    """2022-12-05 -> '5 décembre 2022' ('5 déc. 2022' when short); the first of a month is an ordinal,
    as French writes it: 2026-01-01 -> '1er janvier 2026' ('1er janv. 2026')."""
    import pandas as pd  # noqa: PLC0415

    jour = pd.Timestamp(d).date()
    motif = ("d'er'" if jour.day == 1 else "d") + (" MMM y" if court else " MMMM y")
    return format_date(jour, format=motif, locale=LOCALE)


def mois_annee(d: dt.date | str) -> str:
    """2022-11-30 -> 'novembre 2022'."""
    import pandas as pd  # noqa: PLC0415

    return format_date(pd.Timestamp(d).date(), format="MMMM y", locale=LOCALE)


# Vega/d3 locale so that numbers inside charts read exactly like numbers in text.
VEGA_FORMAT_LOCALE = {
    "decimal": ",",
    "thousands": NNBSP,
    "grouping": [3],
    "currency": ["", f"{NNBSP}€"],
    "percent": f"{NNBSP}%",
    "minus": MINUS,
}
VEGA_TIME_LOCALE = {
    "dateTime": "%A %e %B %Y à %X",
    "date": "%d/%m/%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"],
    "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                    "sept.", "oct.", "nov.", "déc."],
}


def mois(numero: int, court: bool = False) -> str:
    """1 -> 'janvier' ('janv.' when short), from the French locale: month names are typed nowhere else."""
    return get_month_names("abbreviated" if court else "wide", locale=LOCALE)[int(numero)]
