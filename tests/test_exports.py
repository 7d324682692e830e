"""Exports: the CSV reads as numbers in French Excel, the XLSX keeps numbers as numbers, formulas are
neutralised, small counts from extracts never leave, images carry title, source, scope and date."""
import csv
import dataclasses
import datetime as dt
import io
import json
import re

import altair as alt
import pandas as pd
import pytest
from openpyxl import load_workbook

from observatoire import theme_graphique  # noqa: F401  (registers the theme)
from observatoire.sorties import tableurs
from observatoire.vue import telechargements
from observatoire.provenance import AVERTISSEMENT_DEMO, Provenance

CTX = tableurs.Contexte(titre="Entrées en CEJ et Garantie Jeunes", source="ARML Normandie, Rapport d'activité 2022",
                       perimetre="Normandie, 2022", provenance=Provenance.PUBLIE, date=dt.date(2026, 11, 28))
FORMULE = '=HYPERLINK("http://x","y")'


def tableau() -> pd.DataFrame:
    # As pages pass them: already formatted in French (narrow no-break spaces, U+2212 minus, " %").
    return pd.DataFrame({
        "Dispositif": ["Garantie Jeunes", "CEJ", FORMULE, "-moins", "+plus", "@arobase", "\tTab", "\rCR"],
        "Jeunes": ["1\u202f905", "12\u202f022", "13\u202f927", "secret", "50\u202f687", "0", "12", "20"],
        "Évolution": ["\u22124,6\u202f%", "3,0\u202f%", "\u221212,8\u202f%", "108\u202f%", "0,5\u202f%", "–",
                      "1\u202f%", "2\u202f%"],
        "Montant": [1234.5, 2.0, -3.25, None, 0.0, 1.0, 2.0, 3.0],
    })


def lire_csv_comme_excel_fr(contenu: bytes, ctx=CTX) -> pd.DataFrame:
    # What Excel/LibreOffice in French do: UTF-8 (BOM), ';' between cells, ',' as decimal mark.
    # The table starts after the metadata lines and one empty line.
    avant = contenu.decode("utf-8-sig").split("\r\n").index("") + 1
    assert avant >= tableurs.lignes_entete_csv(ctx)
    return pd.read_csv(io.BytesIO(contenu), sep=";", decimal=",", encoding="utf-8-sig", skiprows=avant)


def test_csv_pour_excel_francais_relu_en_nombres_exacts():
    contenu = tableurs.csv_fr(tableau(), CTX)
    assert contenu.startswith("\ufeff".encode())
    df = lire_csv_comme_excel_fr(contenu)
    assert list(df.columns) == ["Dispositif", "Jeunes", "Évolution (%)", "Montant"]
    assert df["Évolution (%)"].tolist()[:3] == [-4.6, 3.0, -12.8]
    assert df["Montant"].tolist()[:3] == [1234.5, 2.0, -3.25]
    assert df["Jeunes"].tolist()[:4] == ["1905", "12022", "13927", "secret"]  # a text column: "secret" is text
    lignes = contenu.decode("utf-8-sig").split("\r\n")
    assert lignes[0] == "Entrées en CEJ et Garantie Jeunes"
    assert lignes[1] == "Source : ARML Normandie, Rapport d'activité 2022"
    assert lignes[2] == "Périmètre : Normandie, 2022"
    assert lignes[3] == "Provenance : publié (rapport 2022)"
    assert lignes[4].startswith("Exporté le 28 novembre 2026")
    # Raw numbers: no grouping space, no U+2212 minus that Excel would read as text.
    assert "Garantie Jeunes;1905;-4,6;1234,5" in lignes
    assert "\u202f" not in "\n".join(lignes[6:]) and "\u2212" not in "\n".join(lignes[6:])


def test_csv_colonne_entiere_numerique_quand_pas_de_texte():
    df = pd.DataFrame({"Territoire": ["Calvados", "Eure"], "Jeunes": ["12\u202f345", "9\u202f876"],
                       "Part": ["24,4\u202f%", "19,5\u202f%"]})
    relu = lire_csv_comme_excel_fr(tableurs.csv_fr(df, CTX))
    assert relu["Jeunes"].tolist() == [12345, 9876]
    assert relu["Part (%)"].tolist() == [24.4, 19.5]
    assert pd.api.types.is_numeric_dtype(relu["Jeunes"]) and pd.api.types.is_numeric_dtype(relu["Part (%)"])


def test_injection_de_formule_neutralisee_en_csv():
    lignes = tableurs.csv_fr(tableau(), CTX).decode("utf-8-sig").split("\r\n")
    corps = "\r\n".join(lignes[6:])
    assert "'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")" in corps  # csv quoting doubles the quotes
    for texte in ("'-moins", "'+plus", "'@arobase", "'\tTab"):
        assert texte in corps
    assert "\"'\rCR\"" in corps
    # Numbers stay numbers: a negative value is not prefixed.
    assert ";-3,25" in corps and "'-3" not in corps
    for ligne in lignes[7:]:
        for cellule in ligne.split(";"):
            assert not cellule.startswith(("=", "+", "@")), cellule


def test_injection_de_formule_neutralisee_en_xlsx_nombres_en_nombres():
    wb = load_workbook(io.BytesIO(tableurs.xlsx(tableau(), CTX)))
    ws = wb.active
    assert ws["A1"].value == "Entrées en CEJ et Garantie Jeunes"
    assert ws["A2"].value == "Source : ARML Normandie, Rapport d'activité 2022"
    assert ws["A3"].value == "Périmètre : Normandie, 2022"
    assert ws["A4"].value == "Provenance : publié (rapport 2022)"
    assert ws["A5"].value.startswith("Exporté le 28 novembre 2026")
    entete = [c.value for c in ws[7]]
    assert entete == ["Dispositif", "Jeunes", "Évolution (%)", "Montant"]
    lignes = [[c.value for c in ligne] for ligne in ws.iter_rows(min_row=8)]
    assert lignes[0] == ["Garantie Jeunes", 1905, -4.6, 1234.5]
    assert lignes[2][0] == "'" + FORMULE
    assert [ligne[0] for ligne in lignes[3:]] == ["'-moins", "'+plus", "'@arobase", "'\tTab", "'\rCR"]
    assert lignes[3][1] == "secret" and lignes[5][2] is None  # "–" (missing) is an empty cell
    for ligne in ws.iter_rows():
        for c in ligne:
            assert c.data_type != "f", c.coordinate
    assert ws["B8"].number_format == "#,##0"
    assert ws["C8"].number_format == '#,##0.0" %"'
    # Raw numbers keep their own precision; numbers read from French text share the column's.
    assert ws["D8"].number_format == "#,##0.0" and ws["D10"].number_format == "#,##0.00"


def test_garde_fou_du_secret_sur_les_extraits():
    df = pd.DataFrame({"Mission Locale": ["A", "B", "C", "D"], "Année": [2022, 2022, 2022, 2022],
                       "Jeunes": [120, 7, 0, "secret"], "Âge": [3, 18, 19, 20],
                       "Part": ["5\u202f%", "2\u202f%", "0\u202f%", "secret"]})
    ctx = tableurs.Contexte("Jeunes par ML", "démonstration", "Calvados (14), 2022", Provenance.DEMO)
    relu = lire_csv_comme_excel_fr(tableurs.csv_fr(df, ctx), dataclasses.replace(ctx, notes=("ligne du secret",)))
    assert relu["Jeunes"].tolist() == ["120", "secret", "0", "secret"]
    assert relu["Âge"].tolist() == [3, 18, 19, 20]       # not a count: left alone
    assert relu["Part (%)"].tolist()[:3] == ["5", "2", "0"]  # shares are not counts
    texte = tableurs.csv_fr(df, ctx).decode("utf-8-sig")
    assert "Secret statistique : 1 effectif(s) inférieur(s) à 11 masqué(s)" in texte
    # Published regional figures are never touched.
    publie = tableurs.csv_fr(pd.DataFrame({"Jeunes": [7]}), CTX).decode("utf-8-sig")
    assert publie.rstrip().endswith("\r\n7")


def test_garde_fou_du_secret_ne_prend_pas_un_mot_pour_un_autre():
    # "age" inside "Engagement" or "apprentissage", "jour" inside "séjours": these columns hold counts.
    df = pd.DataFrame({"Mission Locale": ["A", "B"],
                       "Entrées en Contrat d'Engagement Jeune": [7, 120],
                       "Jeunes en apprentissage": [3, 45],
                       "Séjours": [2, 30],
                       "Tranche d'âge": [1, 2], "Âges": [4, 5], "annee_naissance": [2004, 2005],
                       "Mois": [3, 4], "id_jeune": [1, 2], "Part (%)": [5, 95], "Pourcentage": [4, 96]})
    ctx = tableurs.Contexte("Jeunes par ML", "démonstration", "Calvados (14), 2022", Provenance.EXTRAITS)
    contenu = tableurs.csv_fr(df, ctx)
    relu = lire_csv_comme_excel_fr(contenu, dataclasses.replace(ctx, notes=("ligne du secret",)))
    assert relu["Entrées en Contrat d'Engagement Jeune"].tolist() == ["secret", "120"]
    assert relu["Jeunes en apprentissage"].tolist() == ["secret", "45"]
    assert relu["Séjours"].tolist() == ["secret", "30"]
    for pas_un_compte in ("Tranche d'âge", "Âges", "annee_naissance", "Mois", "id_jeune", "Part (%)", "Pourcentage"):
        assert relu[pas_un_compte].tolist() == df[pas_un_compte].tolist(), pas_un_compte
    assert "Secret statistique : 3 effectif(s)" in contenu.decode("utf-8-sig")
    ws = load_workbook(io.BytesIO(tableurs.xlsx(df, ctx))).active
    valeurs = [[c.value for c in ligne] for ligne in ws.iter_rows(min_row=ws.max_row - 1)]
    assert [ligne[1:4] for ligne in valeurs] == [["secret", "secret", "secret"], [120, 45, 30]]


def graphique():
    df = pd.DataFrame({"Dispositif": ["Garantie Jeunes", "CEJ"], "Jeunes": [1905, 12022]})
    return alt.Chart(df).mark_bar().encode(x=alt.X("Dispositif:N"), y=alt.Y("Jeunes:Q"))


def test_spec_exportee_porte_titre_perimetre_source_date_et_locale_francaise():
    spec = tableurs.spec_export(graphique(), CTX)
    assert spec["title"]["text"] == ["Entrées en CEJ et Garantie Jeunes"]
    sous_titre = " ".join(spec["title"]["subtitle"])
    assert "Normandie, 2022" in sous_titre and "Source : ARML Normandie" in sous_titre
    assert "Exporté le 28 novembre 2026" in sous_titre and "publié (rapport 2022)" in sous_titre
    assert spec["config"]["locale"]["number"]["thousands"] == "\u202f"
    assert spec["width"] == tableurs.LARGEUR_EXPORT


def test_svg_et_png_non_vides_avec_titre_et_nombres_francais():
    contenu = tableurs.svg(graphique(), CTX).decode("utf-8")
    textes = re.findall(r"<text[^>]*>([^<]*)</text>", contenu)
    assert "Entrées en CEJ et Garantie Jeunes" in textes
    assert "12\u202f000" in textes  # the axis in French, as on screen
    lu = re.sub(r"<[^>]+>", " ", contenu)  # multi-line subtitles are <tspan>s
    assert "Exporté le 28 novembre 2026" in lu and "Source : ARML Normandie" in lu and "Normandie, 2022" in lu
    image = tableurs.png(graphique(), CTX)
    assert image.startswith(b"\x89PNG")
    largeur = int.from_bytes(image[16:20], "big")
    assert largeur >= 2 * tableurs.LARGEUR_EXPORT  # scale 2


NOTE = "plusieurs réponses possibles : total 142 %"


def test_la_note_d_un_graphique_suit_ses_exports():
    ctx = dataclasses.replace(CTX, notes=tableurs.notes_de(NOTE))
    lignes = tableurs.csv_fr(tableau(), ctx).decode("utf-8-sig").split("\r\n")
    assert lignes[4] == f"Note : {NOTE}" and lignes[5].startswith("Exporté le ")
    assert load_workbook(io.BytesIO(tableurs.xlsx(tableau(), ctx))).active["A5"].value == f"Note : {NOTE}"
    assert f"Note : {NOTE}" in tableurs.spec_export(graphique(), ctx)["title"]["subtitle"]
    lu = re.sub(r"<[^>]+>", " ", tableurs.svg(graphique(), ctx).decode("utf-8"))
    assert f"Note : {NOTE}" in lu
    # The PNG is drawn from the same spec: one more subtitle line makes it taller, same width.
    avec, sans = tableurs.png(graphique(), ctx), tableurs.png(graphique(), CTX)
    assert avec[16:20] == sans[16:20] and int.from_bytes(avec[20:24], "big") > int.from_bytes(sans[20:24], "big")
    assert tableurs.notes_de(None) == tableurs.notes_de("  ") == ()


@pytest.mark.parametrize("texte,attendu", [
    ("50\u202f687", (50687, "")), ("\u22124,6\u202f%", (-4.6, "%")), ("108\u202f%", (108, "%")),
    ("1\u202f234,50\u00a0€", (1234.5, "€")), ("2022", (2022, "")), ("secret", None), ("14-CAE", None),
    ("1 2", None),
])
def test_nombre_francais(texte, attendu):
    assert tableurs.nombre_francais(texte) == attendu


def test_nom_de_fichier_sans_accents():
    assert tableurs.nom_fichier("Entrées en CEJ", "Calvados (14), 2022", "csv") == "entrees-en-cej_calvados-14-2022.csv"


def test_graphique_portant_des_dates_python_exporte():
    # A table of Python dates (object column), as the CEJ page's series at month ends: vl-convert refuses
    # date objects, so the exported spec carries them as ISO strings.
    df = pd.DataFrame({"jour": [dt.date(2022, 3, 1), dt.date(2022, 12, 5)], "n": [1905, 12952]})
    graphique = alt.Chart(df).mark_line().encode(x="jour:T", y="n:Q")
    assert "2022-12-05" in str(tableurs.spec_export(graphique, CTX))
    assert tableurs.svg(graphique, CTX).startswith(b"<svg")
    assert tableurs.png(graphique, CTX).startswith(b"\x89PNG")


def test_chaque_graphique_de_chaque_page_s_exporte(monkeypatch):
    """Every chart drawn by graphiques.afficher on every page gives a CSV that reads back, an XLSX, and an
    SVG holding its title (the export buttons are recorded instead of drawn)."""
    from observatoire.pages_registre import PAGES
    from tests.outils import lancer

    appels = []
    monkeypatch.setattr(telechargements, "boutons_graphique", lambda chart, **kw: appels.append((chart, kw)))
    for page in PAGES:
        lancer(None if page is PAGES[0] else page.fichier)
    assert len(appels) >= 10, "les pages dessinent leurs graphiques avec graphiques.afficher"
    # A chart's caveat reaches its export buttons (Santé: several answers possible, shares add up above 100 %).
    assert any("plusieurs réponses possibles" in (kw.get("note") or "") for _, kw in appels)
    for chart, kw in appels:
        ctx = tableurs.Contexte(kw["titre"], kw["source"], "Normandie, 2022", kw["provenance"], dt.date(2026, 11, 28))
        relu = lire_csv_comme_excel_fr(tableurs.csv_fr(kw["donnees"], ctx), ctx)
        assert len(relu) == len(kw["donnees"]), kw["titre"]
        load_workbook(io.BytesIO(tableurs.xlsx(kw["donnees"], ctx)))
        lu = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tableurs.svg(chart, ctx).decode())).replace("&apos;", "'")
        assert " ".join(kw["titre"].split()) in lu, kw["titre"]


def _tableau_des_chiffres_publies():
    from observatoire import publies
    from observatoire.vue import composants

    composants.tableau_publies([publies.tous()["cej_entrees_gj"], publies.tous()["cej_taux_realisation"],
                        *publies.appariements_incertains()[:1]])


def test_tableau_des_chiffres_publies_a_ses_fichiers(monkeypatch):
    """composants.tableau_publies ("Tous les chiffres publiés", on many pages) gives its table as CSV and XLSX,
    each file saying what it is; on screen the value comes right after the label."""
    from streamlit.testing.v1 import AppTest

    from observatoire import publies

    appels = []
    monkeypatch.setattr(telechargements, "boutons_tableau", lambda df, **kw: appels.append((df, kw)))
    at = AppTest.from_function(_tableau_des_chiffres_publies).run()
    assert not at.exception
    assert list(at.dataframe[0].value.columns)[:2] == ["Indicateur", "Valeur"]
    # On a 390 px phone (358 px for the page's content): label and value side by side without scrolling,
    # the label wrapped (Streamlit wraps cell text only in rows taller than 64 px).
    colonnes = json.loads(at.dataframe[0].proto.columns)
    assert colonnes["Indicateur"]["width"] + colonnes["Valeur"]["width"] <= 390 - 2 * 16 - 20
    assert at.dataframe[0].proto.row_height > 64
    [(df, kw)] = appels
    inds = [publies.tous()["cej_entrees_gj"], publies.tous()["cej_taux_realisation"],
            publies.appariements_incertains()[0]]
    assert kw["titre"].startswith("Chiffres publiés du rapport d'activité 2022")
    assert kw["source"].startswith("ARML Normandie, Rapport d'activité 2022 – ")
    assert all(i.source in kw["source"] for i in inds)
    assert kw["provenance"] in (Provenance.PUBLIE, Provenance.DERIVE) and kw["cle"].startswith("publies_")
    ctx = tableurs.Contexte(kw["titre"], kw["source"], telechargements.perimetre_de(kw["provenance"]), kw["provenance"],
                           dt.date(2026, 11, 28))
    contenu = tableurs.csv_fr(df, ctx)
    lecteur = csv.reader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";")
    lignes = [ligne[0] if ligne else "" for ligne in lecteur]
    assert lignes[0] == kw["titre"] and lignes[2] == "Périmètre : Normandie, 2022 (rapport d'activité)"
    relu = lire_csv_comme_excel_fr(contenu, ctx)
    assert relu["Identifiant"].tolist() == [i.id for i in inds]
    assert relu["Valeur"].tolist() == [i.valeur for i in inds]  # numbers, read back exactly
    assert relu["Année"].tolist() == [i.annee for i in inds]
    assert relu["Note"].fillna("").tolist() == [i.note for i in inds]  # the caveat of an uncertain pairing
    ws = load_workbook(io.BytesIO(tableurs.xlsx(df, ctx))).active
    assert ws["A1"].value == kw["titre"] and ws["B8"].value == inds[0].valeur


def test_tableau_des_chiffres_publies_exporte_sur_chaque_page(monkeypatch):
    from observatoire.pages_registre import PAGES
    from tests.outils import lancer

    appels = []
    monkeypatch.setattr(telechargements, "boutons_tableau", lambda df, **kw: appels.append(kw))
    for page in PAGES:
        at = lancer(None if page is PAGES[0] else page.fichier)
        assert not at.exception, page.fichier
    publies_ = [kw for kw in appels if kw["cle"].startswith("publies_")]
    assert len(publies_) >= 8, "les tables de chiffres publiés des pages ont leurs boutons"
    for kw in publies_:
        assert kw["titre"] and kw["source"].startswith("ARML Normandie, Rapport d'activité 2022 – "), kw


def test_perimetre_d_un_chiffre_publie_est_la_region_du_rapport():
    # Whatever territory the sidebar holds, a published figure describes Normandy in 2022.
    assert telechargements.perimetre_de(Provenance.PUBLIE) == "Normandie, 2022 (rapport d'activité)"
    assert telechargements.perimetre_de(Provenance.DERIVE) == "Normandie, 2022 (rapport d'activité)"
    assert telechargements.perimetre_courant(2021, "14") == "Calvados (14), 2021"
    assert telechargements.perimetre_courant(2022, "14-CAE") == "Mission Locale Caen la Mer Calvados Centre, 2022"


def test_xlsx_un_format_par_cellule_annees_sans_separateur_vraies_dates_police_nommee():
    # One indicator per row (a territory's sheet): counts, shares and rates in one column, as on screen.
    df = pd.DataFrame({"Indicateur": ["Jeunes accompagnés", "Part sans diplôme", "Pour 1\u202f000 habitants"],
                       "Calvados": ["9\u202f842", "50,8\u202f%", "14,2"], "Année": [2022, 2022, 2021],
                       "Semaine finissant le": ["06/03/2022", "13/03/2022", dt.date(2022, 3, 20)]})
    ws = load_workbook(io.BytesIO(tableurs.xlsx(df, CTX))).active
    lignes = list(ws.iter_rows(min_row=8))
    assert [c.value for c in ws[7]] == ["Indicateur", "Calvados", "Année", "Semaine finissant le"]
    assert [(ligne[1].value, ligne[1].number_format) for ligne in lignes] == [
        (9842, "#,##0"), (50.8, '#,##0.0" %"'), (14.2, "#,##0.0")]
    assert {ligne[2].number_format for ligne in lignes} == {"0"}  # 2022, never "2 022"
    assert [ligne[3].value.date() for ligne in lignes] == [dt.date(2022, 3, 6), dt.date(2022, 3, 13),
                                                           dt.date(2022, 3, 20)]
    assert all(ligne[3].is_date and ligne[3].number_format == tableurs.FORMAT_DATE for ligne in lignes)
    polices = {c.font.name for ligne in ws.iter_rows() for c in ligne if c.value is not None}
    assert polices == {tableurs.POLICE_BUREAU}
    # The CSV keeps its text dates, read as dates by French Excel.
    assert "06/03/2022" in tableurs.csv_fr(df, CTX).decode("utf-8-sig")


def test_xlsx_mise_en_page_paysage_une_page_de_large_textes_longs_replies():
    long = "Appariement incertain : " + "valeurs et libellés extraits dans des ordres différents ; " * 8
    df = pd.DataFrame({"Indicateur": ["Part des femmes", "Part des hommes"], "Valeur": [46.9, 53.1],
                       "Note": [long, ""], "Identifiant": ["publics_part_femmes", "publics_part_hommes"]})
    ws = load_workbook(io.BytesIO(tableurs.xlsx(df, CTX))).active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$7:$7"
    assert "Entrées en CEJ" in ws.oddHeader.left.text and "Source : ARML Normandie" in ws.oddFooter.left.text
    assert ws.print_area == "'Données'!$A$1:$C$9"  # the identifier stays in the file, outside the print
    note = ws["C8"]
    assert note.alignment.wrap_text and ws.column_dimensions["C"].width < len(long) / 2
    # The row is as tall as its wrapped note: spreadsheets do not fit heights on opening.
    assert ws.row_dimensions[8].height >= 3 * tableurs.HAUTEUR_LIGNE
    assert tableurs.lignes_repliees("publié (rapport 2022)", 12) == 2  # between words only


def test_fichier_d_une_demonstration_porte_l_avertissement():
    ctx = tableurs.Contexte("Jeunes par ML", "démonstration", "Calvados (14), 2022", Provenance.DEMO)
    assert AVERTISSEMENT_DEMO in tableurs.csv_fr(pd.DataFrame({"Jeunes": [120]}), ctx).decode("utf-8-sig")
