"""Every kind of export downloaded through the UI, offline, and its content checked: CSV (French Excel),
XLSX, PNG, SVG under a chart; PowerPoint, PDF and the catalogue on the Données & exports page; a link
with parameters reopens the same selection."""
import io
import re

import pandas as pd
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from observatoire import presentation, publies
from tests.browser import navigateur

NN = "\u202f"


def telecharger(page, bouton) -> tuple[str, bytes]:
    with page.expect_download(timeout=90_000) as dl:
        bouton.click()
    telechargement = dl.value
    contenu = open(telechargement.path(), "rb").read()
    navigateur.attendre(page)
    return telechargement.suggested_filename, contenu


def lignes_avant_tableau(texte: str) -> int:
    return texte.split("\r\n").index("") + 1  # metadata lines, then one empty line, then the header


def test_exports_d_un_graphique_csv_xlsx_png_svg(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, f"{app_url}/cej", hors_ligne)
    page.wait_for_selector("[data-testid='stDownloadButton'] button", timeout=60_000)  # a cold server is slow
    assert page.locator("[data-testid='stDownloadButton'] button").count() >= 4
    fichiers = {}
    for libelle in ("CSV (Excel)", "XLSX", "PNG", "SVG"):
        # exact=True: the chart's own menu also offers "Save as PNG/SVG", which is not what we test.
        bouton = page.locator("[data-testid='stDownloadButton']").get_by_role("button", name=libelle, exact=True)
        nom, contenu = telecharger(page, bouton.first)
        fichiers[libelle] = (nom, contenu)

    nom_csv, csv = fichiers["CSV (Excel)"]
    assert nom_csv.endswith(".csv") and csv.startswith("\ufeff".encode())
    texte = csv.decode("utf-8-sig")
    titre = texte.split("\r\n")[0]
    assert titre and "Source : " in texte and "Périmètre : " in texte and "Exporté le " in texte
    df = pd.read_csv(io.BytesIO(csv), sep=";", decimal=",", encoding="utf-8-sig",
                     skiprows=lignes_avant_tableau(texte))
    assert len(df) > 0
    numeriques = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    assert numeriques, f"aucune colonne lue comme nombres : {df.dtypes}"
    assert "\u202f" not in texte.split("\r\n\r\n", 1)[1]  # raw numbers below the metadata

    nom_xlsx, xlsx = fichiers["XLSX"]
    ws = load_workbook(io.BytesIO(xlsx)).active
    assert ws["A1"].value == titre
    valeurs = [c.value for ligne in ws.iter_rows(min_row=lignes_avant_tableau(texte) + 1) for c in ligne]
    assert any(isinstance(v, int | float) for v in valeurs)

    _, png = fichiers["PNG"]
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    _, svg = fichiers["SVG"]
    lu = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", svg.decode("utf-8")))
    assert " ".join(titre.split()) in lu.replace("&apos;", "'").replace("&#39;", "'")
    assert "Exporté le" in lu
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []


def test_diaporama_fiche_et_catalogue_depuis_la_page_donnees_exports(contexte, app_url, hors_ligne):
    # A link with parameters: the Calvados, the justice theme of the catalogue.
    page = navigateur.ouvrir(contexte, f"{app_url}/donnees_exports?territoire=14&theme=justice", hors_ligne)
    page.wait_for_selector("[data-testid='stDownloadButton'] button", timeout=60_000)
    assert "theme=justice" in page.url and "territoire=14" in page.url
    principal = page.locator("[data-testid='stMain']")
    assert "Calvados (14), 2022" in principal.inner_text()

    _, pptx = telecharger(page, page.get_by_role("button", name="Diaporama (PowerPoint)", exact=True))
    prs = Presentation(io.BytesIO(pptx))
    attendues = presentation.diapos(2022, "14")
    assert len(prs.slides) == 1 + len(attendues)
    assert [s.shapes.title.text for s in list(prs.slides)[1:]] == [d.titre for d in attendues]
    for s in prs.slides:
        assert any(sh.name == "Pied de page" and "Source" in sh.text_frame.text for sh in s.shapes)

    _, pdf = telecharger(page, page.get_by_role("button", name="Fiche territoire (PDF)", exact=True))
    texte = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Calvados (14) — 2022" in texte and "Données de démonstration" in texte
    assert f"50{NN}687" in texte  # the region's column

    _, csv = telecharger(page, page.get_by_role("button", name="CSV (Excel)", exact=True).first)
    texte_csv = csv.decode("utf-8-sig")
    catalogue = pd.read_csv(io.BytesIO(csv), sep=";", decimal=",", encoding="utf-8-sig",
                            skiprows=lignes_avant_tableau(texte_csv))
    justice = {i.id: i for i in publies.tous().values() if i.theme == "justice"}
    assert sorted(catalogue["Identifiant"]) == sorted(justice)
    lu = dict(zip(catalogue["Identifiant"], catalogue["Valeur"]))
    assert all(lu[k] == i.valeur for k, i in justice.items())
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []
