"""Every kind of export downloaded through the UI, offline, and its content checked: CSV (French Excel),
XLSX, PNG, SVG under a chart; PowerPoint, PDF and the catalogue on the Données & exports page; a link
with parameters reopens the same selection."""
import io
import re

import pandas as pd
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from observatoire import publies
from observatoire.sorties import diapositives
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


def verifier_png_comme_svg(png: bytes, svg: str) -> None:
    """The PNG is the SVG drawn at 2×: twice its width and height, and the same pixels as the downloaded SVG
    rasterised here (both come from the same spec through vl-convert) — so the PNG shows the title, scope,
    source and date the SVG holds as text, and the title band is not blank."""
    import numpy as np
    import vl_convert as vlc
    from PIL import Image

    assert png.startswith(b"\x89PNG")
    largeur, hauteur = (float(re.search(rf'<svg[^>]* {a}="([\d.]+)"', svg).group(1)) for a in ("width", "height"))
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (round(2 * largeur), round(2 * hauteur))
    pixels = np.asarray(image, dtype=int)
    attendu = np.asarray(Image.open(io.BytesIO(vlc.svg_to_png(svg, scale=2))).convert("L"), dtype=int)
    assert attendu.shape == pixels.shape
    # The same drawing: one letter changed in the title differs by ~180 pixels; rounding by none here.
    assert (np.abs(pixels - attendu) > 8).sum() <= 20
    bandeau_du_titre = pixels[2 * 10:2 * 40]  # padding 16 px, then the 16 px title, at scale 2
    assert (bandeau_du_titre < 100).sum() > 200  # dark text drawn there


# Streamlit's own export controls (observatoire/vue/composants.py CSS_GLOBAL): the toolbars' "Download as CSV/PNG" and
# "Copy Vega-Lite spec", vega-embed's "Save as PNG/SVG" and "Open in Vega Editor" menu.
CONTROLES_INTERDITS = ("[data-testid='stElementToolbar'] button[aria-label^='Download as '], "
                       "[data-testid='stElementToolbar'] button[aria-label^='Copy Vega-Lite spec'], "
                       ".vega-embed details, .vega-embed .vega-actions, .vega-embed a[href*='vega.github.io']")


def visibles(page, selecteur: str) -> list[str]:
    return page.evaluate("s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility())"
                         ".map(e => e.getAttribute('aria-label') || e.outerHTML.slice(0, 80))", selecteur)


def test_aucun_export_de_streamlit_ne_contourne_ceux_de_l_observatoire(contexte, app_url, hors_ligne):
    """No chart action menu, no "Download as CSV" on tables, no "Download as PNG"/"Copy Vega-Lite spec" on
    charts: the only exports are the observatory's buttons. Search, fullscreen and "Show data" stay."""
    page = navigateur.ouvrir(contexte, f"{app_url}/sante", hors_ligne)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg",
                           timeout=60_000)
    for resume in page.locator("[data-testid='stExpander'] summary").all():  # the tables inside expanders
        resume.click()
    navigateur.attendre(page)
    graphique = page.locator("[data-testid='stVegaLiteChart']").first
    graphique.hover()
    page.wait_for_timeout(500)
    boutons = page.locator("[data-testid='stElementToolbar'] button")
    assert boutons.count() > 0 and page.locator("[data-testid='stDataFrame']").count() > 0
    assert visibles(page, CONTROLES_INTERDITS) == []
    restent = {libelle.split(":")[0] for libelle in visibles(page, "[data-testid='stElementToolbar'] button")}
    assert {"Show data", "Fullscreen", "Search"} <= restent, restent
    # The chart's own table view has no CSV download either.
    page.locator("[data-testid='stElementToolbar'] button[aria-label^='Show data']").first.click()
    page.wait_for_timeout(800)
    assert page.locator("[data-testid='stElementToolbar'] button[aria-label^='Show chart']").count() == 1
    assert visibles(page, CONTROLES_INTERDITS) == []
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []


def test_chiffres_publies_lisibles_sur_telephone_avec_leurs_fichiers(navigateur_chromium, app_url, hors_ligne):
    """On a 390 px phone, the published figures' table keeps label and value side by side on screen (the
    columns' widths are checked in tests/test_exports.py) and has its CSV/XLSX buttons."""
    from observatoire.vue import composants

    contexte = navigateur_chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR",
                                               is_mobile=True, has_touch=True, accept_downloads=True)
    try:
        page = navigateur.ouvrir(contexte, f"{app_url}/sources_methodes", hors_ligne)
        tableau = page.locator("[data-testid='stDataFrame']").first
        tableau.wait_for(timeout=60_000)
        cadre = tableau.bounding_box()
        utile = composants.COLONNES_PUBLIES["Indicateur"]["width"] + composants.COLONNES_PUBLIES["Valeur"]["width"]
        assert cadre["x"] >= 0 and cadre["x"] + cadre["width"] <= 390 and cadre["width"] >= utile
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        boutons = page.locator("[data-testid='stDownloadButton']").get_by_role("button", name="CSV (Excel)", exact=True)
        nom, csv = telecharger(page, boutons.first)
        texte = csv.decode("utf-8-sig")
        assert nom.startswith("chiffres-publies-du-rapport-d-activite-2022") and nom.endswith(".csv")
        assert texte.startswith("Chiffres publiés du rapport d'activité 2022") or texte.startswith('"Chiffres publiés')
        for ligne in ("Source : ARML Normandie, Rapport d'activité 2022 – ", "Périmètre : Normandie, 2022",
                      "Provenance : ", "Exporté le "):
            assert ligne in texte
        lu = pd.read_csv(io.BytesIO(csv), sep=";", decimal=",", encoding="utf-8-sig",
                         skiprows=lignes_avant_tableau(texte))
        assert list(lu.columns[:2]) == ["Indicateur", "Valeur"] and pd.api.types.is_numeric_dtype(lu["Valeur"])
        assert lu["Note"].str.startswith("Appariement incertain").all()
        assert navigateur.exceptions(page) == []
        assert hors_ligne.bloquees == []
    finally:
        contexte.close()


def test_exports_d_un_graphique_csv_xlsx_png_svg(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, f"{app_url}/cej", hors_ligne)
    page.wait_for_selector("[data-testid='stDownloadButton'] button", timeout=60_000)  # a cold server is slow
    assert page.locator("[data-testid='stDownloadButton'] button").count() >= 4
    # The four files of one chart: the first row of export buttons that has a PNG (a table's row has none).
    rangee = page.locator("[class*='st-key-exports_']").filter(
        has=page.get_by_role("button", name="PNG", exact=True)).first
    fichiers = {}
    for libelle in ("CSV (Excel)", "XLSX", "PNG", "SVG"):
        nom, contenu = telecharger(page, rangee.get_by_role("button", name=libelle, exact=True))
        fichiers[libelle] = (nom, contenu)
    assert len({nom.rsplit(".", 1)[0] for nom, _ in fichiers.values()}) == 1  # one chart's files

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
    _, svg = fichiers["SVG"]
    lu = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", svg.decode("utf-8")))
    assert " ".join(titre.split()) in lu.replace("&apos;", "'").replace("&#39;", "'")
    assert "Exporté le" in lu
    verifier_png_comme_svg(png, svg.decode("utf-8"))
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
    attendues = diapositives.diapos(2022, "14")
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
