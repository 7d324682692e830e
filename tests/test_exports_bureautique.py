"""The downloads opened in the real clients, as the ARML's staff open them: LibreOffice in French converts the
XLSX and PPTX files to PDF, poppler and pypdf read the printout back. Checked: page count and orientation,
years printed 2022, shares with their %, counts without decimals, no word cut, fonts named (Arial, drawn
as its metric twin Liberation Sans), the smallest printed size, figures equal to the screen's, PPTX footers
on one line and chart text of 14 pt at least. Skipped without LibreOffice and poppler (failed in CI)."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Emu

from observatoire import formats, publies, theme_graphique  # noqa: F401  (registers the theme)
from observatoire.vue import composants as ui
from observatoire.provenance import SOURCE_RAPPORT
from observatoire.sorties import diaporama, diapositives, tableurs
from observatoire.vue import telechargements
from tests import bureautique
from tests.bureautique import normaliser

DATE = dt.date(2026, 12, 1)
POLICES_ARIAL = ("Arial", "LiberationSans")  # LibreOffice draws Arial with Liberation Sans (same widths)
ANNEE_GROUPEE = re.compile(r"(?<!\d)20[\u202f\u00a0 ]?\d[\u202f\u00a0 ]\d\d(?!\d)"
                           r"|(?<!\d)2[\u202f\u00a0 ]0(?:1\d|2\d)(?!\d)")


def _imprimer(tmp_path, nom: str, contenu: bytes):
    bureautique.exiger("pdftotext", "pdfinfo", "pdffonts")
    fichier = tmp_path / nom
    fichier.write_bytes(contenu)
    return fichier, bureautique.en_pdf(fichier)


def _paysage(pdf) -> bool:
    import subprocess

    infos = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    largeur, hauteur = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", infos).groups())
    return largeur > hauteur


def _mots(texte: str) -> set[str]:
    return set(re.findall(r"\w+", normaliser(texte)))


def _mots_coupes(ws, texte_pdf: str, colonnes: int) -> set[str]:
    """Words of the sheet's text cells (printed columns) missing from the printout: cut at a cell's edge."""
    imprimes = _mots(texte_pdf)
    attendus = set()
    for ligne in ws.iter_rows(max_col=colonnes):
        for cellule in ligne:
            if isinstance(cellule.value, str):
                attendus |= _mots(cellule.value)
    return attendus - imprimes


# --- XLSX: the catalogue of every published figure ---------------------------------------------------

@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    inds = list(publies.tous().values())
    ctx = tableurs.Contexte(ui.TITRE_PUBLIES, SOURCE_RAPPORT, "Normandie, rapport 2022", None, DATE)
    fichier, pdf = _imprimer(tmp_path_factory.mktemp("catalogue"), "catalogue.xlsx",
                             tableurs.xlsx(ui.fichier_catalogue(inds), ctx))
    return inds, fichier, pdf


def test_catalogue_xlsx_tient_en_huit_pages_paysage(catalogue):
    inds, fichier, pdf = catalogue
    assert len(inds) >= 240
    assert bureautique.nombre_de_pages(pdf) <= 8
    assert _paysage(pdf)
    ws = load_workbook(fichier).active
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows  # the header row on every page
    texte = bureautique.texte(pdf)
    assert texte.count("Page ") >= bureautique.nombre_de_pages(pdf)  # footer on every page
    assert texte.count(ui.TITRE_PUBLIES) >= bureautique.nombre_de_pages(pdf)  # header on every page


def test_catalogue_annees_2022_et_chiffres_du_rapport(catalogue):
    inds, fichier, pdf = catalogue
    ws = load_workbook(fichier).active
    entete = [c.value for c in ws[int(ws.print_title_rows.split(":")[0].strip("$"))]]
    colonne = entete.index("Année") + 1
    annees = [r[0] for r in ws.iter_rows(min_row=ws.max_row - len(inds) + 1, min_col=colonne, max_col=colonne)]
    assert {c.value for c in annees} <= {2018, 2021, 2022, 2023} and {c.number_format for c in annees} == {"0"}
    texte = normaliser(bureautique.texte(pdf))
    assert not ANNEE_GROUPEE.search(texte.replace("12 022", "").replace("13 927", "")), "une année groupée"
    assert texte.count(" 2022 ") >= 200
    # Every published value printed as on screen (French separators; LibreOffice writes '-' for the minus).
    for ind in inds:
        assert normaliser(formats.nombre(ind.valeur)) in texte, ind.id


def test_catalogue_ni_mot_coupe_ni_police_sans_nom(catalogue):
    inds, fichier, pdf = catalogue
    ws = load_workbook(fichier).active
    imprimees = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    derniere = re.search(r":\$?([A-Z]+)\$?\d+", imprimees).group(1)
    from openpyxl.utils import column_index_from_string

    assert not _mots_coupes(ws, bureautique.texte(pdf, mise_en_page=False), column_index_from_string(derniere))
    assert {c.font.name for ligne in ws.iter_rows() for c in ligne if c.value is not None} == {"Arial"}
    assert all(p.startswith(POLICES_ARIAL) for p in bureautique.polices(pdf)), bureautique.polices(pdf)
    tailles = [t for _, t in bureautique.tailles_de_police(pdf)]
    # Fitted to one landscape page wide, Arial 10 prints at 5 pt: the price of ≤ 8 pages for ~250 figures.
    assert min(tailles) >= 5.0, min(tailles)


# --- XLSX: a territory's sheet, the CEJ curve (month ends) ------------------------------------------------------------

def _fichiers_de_page(monkeypatch, page: str, **session) -> list[tuple]:
    from tests.outils import lancer

    appels = []
    monkeypatch.setattr(telechargements, "boutons_tableau", lambda df, **kw: appels.append((df, kw)))
    monkeypatch.setattr(telechargements, "boutons_graphique",
                        lambda chart, **kw: appels.append((kw["donnees"], kw)))
    at = lancer(page, **session)
    assert not at.exception
    return appels


def _contexte(kw) -> tableurs.Contexte:
    return tableurs.Contexte(kw["titre"], kw["source"], kw.get("perimetre") or "Normandie, 2022", kw.get("provenance"),
                             DATE, tableurs.notes_de(kw.get("note")) + tuple(kw.get("avertissements", ())))


def test_fiche_territoire_xlsx_parts_en_pourcentage_comptes_sans_decimale(monkeypatch, tmp_path):
    appels = _fichiers_de_page(monkeypatch, "territoires.py",
                               territoire_selectionne={"niveau": "departement", "code": "14"})
    [(df, kw)] = [a for a in appels if a[1]["cle"] == "territoires_fiche"]
    fichier, pdf = _imprimer(tmp_path, "fiche.xlsx", tableurs.xlsx(df, _contexte(kw)))
    assert bureautique.nombre_de_pages(pdf) == 1 and _paysage(pdf)
    texte = normaliser(bureautique.texte(pdf))
    # One indicator per row: each cell printed exactly as on screen ("50,8 %", "9 842", "14,2", "2ᵉ sur 5").
    for colonne in df.columns[1:3]:
        for valeur in df[colonne]:
            assert normaliser(valeur) in texte, (colonne, valeur)
    assert not re.search(r"\d,0(?!\d)", texte.split("Exporté le")[1]), "un effectif imprimé avec « ,0 »"
    ws = load_workbook(fichier).active
    formats_ = {c.number_format for ligne in ws.iter_rows() for c in ligne if isinstance(c.value, int | float)}
    assert '#,##0.0" %"' in formats_ and "#,##0" in formats_
    assert "Données de démonstration" in texte  # the screen's banner, in the file
    assert not _mots_coupes(ws, bureautique.texte(pdf, mise_en_page=False), ws.max_column)


def test_courbe_cej_xlsx_en_vraies_dates(monkeypatch, tmp_path):
    appels = _fichiers_de_page(monkeypatch, "cej.py")
    [(df, kw)] = [a for a in appels if "Date" in a[0].columns and "Entrées cumulées" in a[0].columns]
    fichier, pdf = _imprimer(tmp_path, "cej.xlsx", tableurs.xlsx(df, _contexte(kw)))
    ws = load_workbook(fichier).active
    dates = [c for ligne in ws.iter_rows(max_col=1) for c in ligne if c.is_date]
    assert len(dates) == len(df) and dates[0].number_format == tableurs.FORMAT_DATE
    assert df["Date"].iloc[-1] == "31 décembre 2022"  # the screen's French date…
    assert "31/12/2022" in bureautique.texte(pdf)       # …a real date cell, printed in the French short format


# --- caveats that travel: the Santé charts whose labels are guessed ----------------------------------------

@pytest.mark.parametrize("cle", ["sante_situation", "sante_diplome", "sante_age", "sante_hebergement"])
def test_appariement_incertain_dans_chaque_fichier_du_graphique(monkeypatch, cle):
    from tests.outils import lancer

    appels = {}
    monkeypatch.setattr(telechargements, "boutons_graphique",
                        lambda chart, **kw: appels.setdefault(kw["cle"], (chart, kw)))
    lancer("sante.py")
    chart, kw = appels[cle]
    ctx = _contexte(kw)
    assert any(n.startswith("Appariement incertain") for n in ctx.notes)
    assert any("(?)" in str(v) for v in kw["donnees"].iloc[:, 0])  # guessed labels marked in the data…
    assert "(?)" in str(chart.to_dict())                           # …and on the chart itself
    csv_texte = tableurs.csv_fr(kw["donnees"], ctx).decode("utf-8-sig")
    xlsx_texte = "\n".join(str(c.value) for ligne in load_workbook(io.BytesIO(tableurs.xlsx(kw["donnees"], ctx))).active
                           .iter_rows() for c in ligne if c.value)
    svg_texte = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tableurs.svg(chart, ctx).decode())).replace("&apos;", "'")
    for contenu in (csv_texte, xlsx_texte, svg_texte):
        assert "Appariement incertain" in contenu and "(?)" in contenu


# --- PPTX ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def diaporama_imprime(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("diaporama")
    decks = {}
    for territoire in ("Normandie", "14"):
        contenu = diaporama.deck(2022, territoire, DATE)
        _, pdf = _imprimer(dossier, f"deck-{territoire}.pptx", contenu)
        decks[territoire] = (Presentation(io.BytesIO(contenu)), pdf)
    return decks


@pytest.mark.parametrize("territoire", ["Normandie", "14"])
def test_pied_de_page_sur_une_ligne_et_police_nommee(diaporama_imprime, territoire):
    prs, pdf = diaporama_imprime[territoire]
    assert bureautique.nombre_de_pages(pdf) == len(prs.slides)
    pages = bureautique.texte(pdf).split("\f")
    for numero, slide in enumerate(prs.slides):
        [pied] = [s for s in slide.shapes if s.name == diaporama.NOM_PIED]
        lignes_pdf = [normaliser(ligne) for ligne in pages[numero].splitlines()]
        for paragraphe in pied.text_frame.paragraphs:
            # Each footer line of the file is one line of the printout: nothing wrapped (e.g. "1er" | "décembre").
            assert normaliser(paragraphe.text) in lignes_pdf, (numero, paragraphe.text)
        assert len(pied.text_frame.paragraphs) <= 2
    # The big numbers printed are the screen's (the presentation mode shows the same slides).
    for page, d in zip(pages[1:], diapositives.diapos(2022, territoire)):
        for chiffre in d.chiffres:
            assert normaliser(chiffre.valeur) in normaliser(page), (d.cle, chiffre.valeur)
    noms = {r.font.name for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs}
    assert noms == {"Arial"}
    assert all(p.startswith(POLICES_ARIAL) for p in bureautique.polices(pdf)), bureautique.polices(pdf)
    assert min(t for _, t in bureautique.tailles_de_police(pdf)) >= 9  # footers; everything else is larger


def _tailles_du_spec(spec) -> list[float]:
    tailles = []
    if isinstance(spec, dict):
        for cle, valeur in spec.items():
            if cle.endswith(("FontSize", "fontSize")) and isinstance(valeur, int | float):
                tailles.append(valeur)
            else:
                tailles += _tailles_du_spec(valeur)
    elif isinstance(spec, list):
        for valeur in spec:
            tailles += _tailles_du_spec(valeur)
    return tailles


@pytest.mark.parametrize("territoire", ["Normandie", "14"])
def test_texte_des_graphiques_d_au_moins_14_points(diaporama_imprime, territoire):
    from PIL import Image

    prs, _ = diaporama_imprime[territoire]
    diapos = {d.cle: d for d in diapositives.diapos(2022, territoire)}
    images = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert images
    for image in images:
        d = diapos[image.name.removeprefix("Graphique ")]
        spec = diaporama.spec_graphique(d, image.width, image.height)
        config = spec["config"]
        # Every text of the chart has a size given (no Vega default of 10 or 11 px left)…
        assert {"labelFontSize", "titleFontSize"} <= set(config["axis"])
        assert {"labelFontSize", "titleFontSize"} <= set(config["legend"]) and "fontSize" in config["text"]
        # …and 1 px of the spec (2 pixels of the image, drawn at scale 2) is placed at this many points:
        largeur_px = Image.open(io.BytesIO(image.image.blob)).size[0]
        points_par_px = Emu(image.width).pt / (largeur_px / 2)
        assert min(_tailles_du_spec(spec)) * points_par_px >= 14, (d.cle, min(_tailles_du_spec(spec)), points_par_px)


def test_repartition_par_sexe_publiee_garde_son_avertissement_dans_ses_fichiers(monkeypatch):
    from tests.outils import lancer

    appels = {}
    monkeypatch.setattr(telechargements, "boutons_graphique", lambda chart, **kw: appels.setdefault(kw["cle"], kw))
    lancer("publics.py")
    notes = _contexte(appels["publics_sexe"]).notes
    assert any(n.startswith("Appariement incertain") and "46.9% 53.1%" in n for n in notes), notes
