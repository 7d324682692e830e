from observatoire import formats

NNBSP = "\u202f"


def test_nombres_a_la_francaise():
    assert formats.nombre(50687) == f"50{NNBSP}687"
    assert formats.nombre(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert formats.nombre(4.6) == "4,6"
    assert formats.nombre(None) == "–"


def test_pourcentages_et_variations():
    assert formats.pourcentage(4.6) == f"4,6{NNBSP}%"
    assert formats.pourcentage(108) == f"108{NNBSP}%"
    assert formats.variation(-4.6) == f"−4,6{NNBSP}%"
    assert formats.variation(12.8) == f"+12,8{NNBSP}%"


def test_euros():
    assert formats.euros(1234.5) == f"1{NNBSP}234,50{NNBSP}€"
    assert formats.euros(-3) == f"−3,00{NNBSP}€"


def test_valeur_selon_unite():
    assert formats.valeur(36.8, "%") == f"36,8{NNBSP}%"
    assert formats.valeur(71500, "km") == f"71{NNBSP}500"


def test_ecarts_en_points():
    # A difference of two percentages is in points, never read as a percentage (−3,3 points, not −3,3).
    assert formats.valeur(-3.3, "points") == "\u22123,3\u00a0points"
    assert formats.valeur(0.9, "points") == "+0,9\u00a0point"
    assert formats.points(2) == "+2\u00a0points"


def test_dates_en_francais():
    import datetime as dt

    assert formats.date(dt.date(2022, 12, 5)) == "5 décembre 2022"
    assert formats.date("2022-03-01", court=True) == "1er mars 2022"


def test_premier_du_mois_en_ordinal():
    import datetime as dt

    # French writes the first of a month as an ordinal ("1er"), every other day as a cardinal.
    assert formats.date(dt.date(2026, 1, 1)) == "1er janvier 2026"
    assert formats.date(dt.date(2026, 1, 1), court=True) == "1er janv. 2026"
    assert formats.date("2022-02-01") == "1er février 2022"
    assert formats.date(dt.date(2026, 1, 2)) == "2 janvier 2026"
    assert formats.date(dt.date(2026, 1, 11), court=True) == "11 janv. 2026"
    assert formats.date(dt.date(2026, 1, 21)) == "21 janvier 2026"  # 21, not "21er"
    assert formats.date(dt.date(2026, 1, 31)) == "31 janvier 2026"

