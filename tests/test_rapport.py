"""The activity report (observatoire/sorties/), opened in real clients: the Typst PDF read by poppler and
pdfplumber, the DOCX converted to PDF by LibreOffice (French profile) and read the same way.

What must hold (issue 15): for 2022 and the region every figure of indicateurs_publies.csv is in the report and
equals the published one (exact French string in the content, and beside its label in both PDFs); no Mission
Locale name, town or e-mail address is cut; no text under 8 pt; a table of contents and page numbers; the
figures of a territory's report are the screen's (secrecy applied); demonstration stamped where it applies."""
from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from observatoire import config, formats
from observatoire.sorties import fiche, rapport, rapport_docx, rapport_pdf
from tests import bureautique

CSV_PUBLIES = config.SOURCES_DIR / "indicateurs_publies.csv"
CSV_MISSIONS_LOCALES = config.SOURCES_DIR / "missions_locales.csv"
TAILLE_MIN_PT = 8.0


def publies_du_fichier() -> list[dict]:
    """indicateurs_publies.csv read here, not through the app: the reference the report must equal."""
    with open(CSV_PUBLIES, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def valeur_publiee(ligne: dict) -> str:
    return formats.valeur(float(ligne["valeur"]), ligne["unite"])


def texte_brut(pdf: Path) -> str:
    """pdftotext -raw: the text in the order it was drawn, each table cell whole (its lines together)."""
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def mots(texte: str) -> str:
    """Text on one line: a line ending in a hyphen joined to the next (tables are not hyphenated: such a hyphen is
    the word's own), non-breaking hyphens as hyphens, word joiners dropped. pdftotext gives the narrow no-break
    space (U+202F) of "50 687" back as a space: both sides compare with spaces (the content test checks U+202F)."""
    texte = texte.replace("\u2011", "-").replace("\u2060", "").replace("\u202f", " ").replace("\u00a0", " ")
    texte = re.sub(r"-\n", "-", texte)
    return re.sub(r"[ \t\n\r\f]+", " ", texte)


def tailles_de_texte(pdf: Path) -> list[tuple[float, str]]:
    """(size in points, character) of every character drawn. pdfminer's `size` is the glyph box's height, which
    for text turned a quarter (a chart's vertical axis title) is its advance: there the box's width is the size."""
    with pdfplumber.open(pdf) as doc:
        return [(round(c["width"] if abs(c["matrix"][1]) > abs(c["matrix"][0]) else c["size"], 2), c["text"])
                for page in doc.pages for c in page.chars if c["text"].strip()]


def contacts() -> list[dict]:
    with open(CSV_MISSIONS_LOCALES, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def region():
    return rapport.contenu(2022, config.REGION)


@pytest.fixture(scope="module")
def fichiers(region, tmp_path_factory):
    """The region's report written once: Typst PDF, DOCX, and the DOCX as LibreOffice prints it."""
    bureautique.exiger("pdftotext", "pdfinfo", "pdftoppm")
    dossier = tmp_path_factory.mktemp("rapport")
    pdf = dossier / "rapport-typst.pdf"
    pdf.write_bytes(rapport_pdf.pdf(2022, rapport=region))
    docx = dossier / "rapport-word.docx"
    docx.write_bytes(rapport_docx.docx(2022, rapport=region))
    return {"typst": pdf, "docx": docx, "libreoffice": bureautique.en_pdf(docx)}


# --- the content: every published figure, equal --------------------------------------------------------

def test_chaque_chiffre_publie_est_dans_le_rapport_region_2022_a_l_identique(region):
    # A label may come twice (a count and its share: "Jeunes accompagnés sans diplôme", 25 583 and 50,5 %).
    lignes = [(libelle, valeur, source.split(" ; formule")[0]) for s in region.sections for t in s.tableaux
              if t.genre == "publies" for libelle, valeur, _, source in t.lignes]
    attendus = publies_du_fichier()
    assert len(attendus) >= 248 and len(lignes) == len(attendus)
    absents = [a["id"] for a in attendus if (a["libelle"], valeur_publiee(a), a["source"]) not in lignes]
    assert not absents
    assert f"50{formats.NNBSP}687" in region.valeurs()  # narrow no-break space, as on screen


@pytest.mark.parametrize("client", ["typst", "libreoffice"])
def test_chaque_chiffre_publie_imprime_a_cote_de_son_libelle(fichiers, client):
    texte = mots(texte_brut(fichiers[client]))
    absents = [a["id"] for a in publies_du_fichier() if mots(f"{a['libelle']} {valeur_publiee(a)}") not in texte]
    assert not absents


def test_provenance_de_chaque_chiffre_publie(region):
    publies = [t for s in region.sections for t in s.tableaux if t.genre == "publies"]
    for t in publies:
        for libelle, _, provenance, source in t.lignes:
            assert provenance in ("publié (rapport 2022)", "dérivé de chiffres publiés"), libelle
            assert source
            if provenance.startswith("dérivé"):
                assert "formule :" in source, libelle


def test_sections_dans_l_ordre_du_rapport_2022_avec_leurs_textes(region):
    titres = [s.titre for s in region.sections]
    assert titres[0] == "L'essentiel de 2022" and titres[-1] == "Points d'accueil"
    assert titres[1:-1] == [p.titre for p in rapport.PLAN]
    cej = next(s for s in region.sections if s.cle == "cej")
    assert any("Pass Emploi" in a for a in cej.actions) and cej.perspectives
    assert "Texte de départ" in cej.mention_texte


# --- typesetting: pages, contents, no cut word, no small text ------------------------------------------

def test_sommaire_numeros_de_page_et_nombre_de_pages(fichiers, region):
    pages = bureautique.nombre_de_pages(fichiers["typst"])
    assert 20 <= pages <= 45
    texte = bureautique.texte(fichiers["typst"])
    assert "Sommaire" in texte and f"page {pages} sur {pages}" in texte
    for s in region.sections:  # each section in the contents, with its page number
        assert re.search(re.escape(s.titre) + r"[ .]+\d+ ", mots(texte)), s.titre
    assert 20 <= bureautique.nombre_de_pages(fichiers["libreoffice"]) <= 50
    assert bureautique.polices(fichiers["typst"]) == ["DejaVuSans", "DejaVuSans-Bold"]


@pytest.mark.parametrize("client", ["typst", "libreoffice"])
def test_aucun_nom_ni_courriel_coupe(fichiers, client):
    texte = mots(texte_brut(fichiers[client]))
    coupes = [x for ml in contacts() for x in (ml["nom"], ml["email"], ml["ville_siege"]) if x not in texte]
    assert not coupes


def mots_du_contenu(r: rapport.Rapport) -> set[str]:
    """Every word the report's content holds (prose, sentences, tables, chart captions), compounds kept whole."""
    textes = [r.titre, r.nom, r.avertissement]
    for s in r.sections:
        textes += [s.titre, s.mention_texte, *s.paragraphes, *s.actions, *s.perspectives]
        textes += [x for p in s.phrases for x in (p.texte, p.source)]
        textes += [c for t in s.tableaux
                   for c in (t.titre, t.note, *t.colonnes, *(c for ligne in t.lignes for c in ligne))]
        textes += [x for f in s.figures for x in (f.titre, f.lecture, f.source)]
    return set(re.findall(r"\w+(?:-\w+)*", " ".join(textes)))


@pytest.mark.parametrize("client", ["typst", "libreoffice"])
def test_coupures_en_fin_de_ligne_sont_des_cesures_francaises(fichiers, region, client):
    """A line may end inside a word only at a hyphenation point (soft hyphen, or "-" where LibreOffice prints it)
    or after the word's own hyphen: the two halves joined must give a word of the content, never a truncation.
    Typst hyphenates the justified French prose; LibreOffice, without French hyphenation patterns installed
    here (Debian's hyphen-fr), only breaks after hard hyphens — Word hyphenates the DOCX (autoHyphenation)."""
    mots_source = mots_du_contenu(region)
    composes = {m for m in mots_source if "-" in m}
    lignes = texte_brut(fichiers[client]).splitlines()
    coupures, fausses = 0, []
    for ligne, suivante in zip(lignes, lignes[1:]):
        debut, fin = re.search(r"(\w+)[-\u00ad]$", ligne), re.match(r"(\w+)", suivante)
        if not (debut and fin):
            continue
        coupures += 1
        colle, garde = debut.group(1) + fin.group(1), f"{debut.group(1)}-{fin.group(1)}"
        if colle not in mots_source and not any(garde in c for c in composes):
            fausses.append((ligne[-30:], suivante[:30]))
    assert coupures >= {"typst": 5, "libreoffice": 1}[client]  # some lines do break inside a word
    assert not fausses


@pytest.mark.parametrize("client", ["typst", "libreoffice"])
def test_aucun_texte_sous_8_points(fichiers, client):
    tailles = tailles_de_texte(fichiers[client])
    assert len(tailles) > 10_000
    petits = sorted({(t, c) for t, c in tailles if t < TAILLE_MIN_PT - 0.01})
    assert not petits, petits[:10]


def test_graphiques_vectoriels_a_taille_d_impression(region):
    """Chart text is real text at ≥ 8 pt (9 pt: 12 px at natural size), charts within the column."""
    for nom, dessin in rapport_pdf.dessins(region).items():
        largeur = rapport_pdf.graphiques.largeur_px(dessin) * rapport_pdf.graphiques.PT_PAR_PX
        assert largeur <= rapport_pdf.LARGEUR_TEXTE_PT + 0.5, nom
        assert rapport_pdf.graphiques.taille_texte_min_pt(dessin, largeur) >= TAILLE_MIN_PT, nom
        assert "<text" in dessin, nom


def test_repartitions_publiees_dessinees_avec_les_valeurs_imprimees(region):
    """A published breakdown's bars are labelled with the printed figures (57, not 57,0), its reading quotes them."""
    dessins = rapport_pdf.dessins(region)
    publies = {a["id"]: a for a in publies_du_fichier()}
    for plan in rapport.PLAN:
        for rep in plan.repartitions:
            dessin = dessins[f"graphique-{plan.cle}-{rep.cle}.svg"]
            etiquettes = re.findall(r">([^<>]+)</text>", dessin)
            figure = next(f for s in region.sections for f in s.figures if f.cle == rep.cle)
            for id_, libelle in rep.parts:
                imprime = valeur_publiee(publies[id_])
                assert imprime.removesuffix(f"{formats.NNBSP}%") in etiquettes, id_
                assert f"{libelle} : {imprime}" in figure.lecture, id_


def test_pages_rendues(fichiers, tmp_path):
    images = bureautique.pages_png(fichiers["typst"], tmp_path / "typst", resolution=40, derniere=3)
    images += bureautique.pages_png(fichiers["libreoffice"], tmp_path / "lo", resolution=40, derniere=3)
    assert len(images) == 6 and all(i.stat().st_size > 2_000 for i in images)


def test_docx_modifiable_styles_sommaire_et_langue(fichiers, region):
    from docx import Document

    doc = Document(io.BytesIO(fichiers["docx"].read_bytes()))
    titres = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert titres == [s.titre for s in region.sections]
    assert doc.styles["Normal"].font.name == "Arial"
    xml = doc.element.xml
    assert 'TOC \\o "1-1"' in xml
    assert doc.settings.element.xml.count("autoHyphenation") == 1
    assert "PAGE" in doc.sections[0].footer.paragraphs[0]._p.xml


# --- a territory: the screen's figures, secrecy, demonstration ---------------------------------------------

@pytest.mark.parametrize("code", ["14-BSE", "76"])
def test_rapport_territoire_memes_chiffres_que_l_ecran(code):
    r = rapport.contenu(2022, code)
    ecran = fiche.lignes_comparaison(2022, code)
    ecran = {ligne[0]: tuple(ligne) for ligne in ecran.itertuples(index=False)}
    comparaisons = [t for s in r.sections for t in s.tableaux if t.genre == "comparaison"]
    assert comparaisons
    for t in comparaisons:
        assert t.demonstration
        for ligne in t.lignes:
            assert ligne == ecran[ligne[0]]
    assert r.demonstration and "aucun territoire réel" in r.avertissement
    assert not [t for s in r.sections for t in s.tableaux if t.genre == "publies"]


def test_secret_dans_le_rapport_d_une_petite_mission_locale(tmp_path):
    r = rapport.contenu(2022, "14-BSE")
    justice = next(s for s in r.sections if s.cle == "justice").tableaux[0]
    assert justice.lignes == (("Jeunes placés sous main de justice", "secret", "733"),)
    pdf = tmp_path / "bse.pdf"
    pdf.write_bytes(rapport_pdf.pdf(2022, rapport=r))
    texte = mots(texte_brut(pdf))
    assert "Jeunes placés sous main de justice secret 733" in texte
    assert "DÉMONSTRATION" in texte and "Mission Locale Baie de Seine" in texte
    assert min(t for t, _ in tailles_de_texte(pdf)) >= TAILLE_MIN_PT


def test_fiche_territoire_sur_le_meme_moteur(tmp_path):
    bureautique.exiger("pdftotext", "pdffonts")
    for code in (config.REGION, "76"):
        pdf = tmp_path / f"fiche-{code}.pdf"
        pdf.write_bytes(fiche.fiche(2022, code))
        assert bureautique.nombre_de_pages(pdf) <= 2
        assert bureautique.polices(pdf) == ["DejaVuSans", "DejaVuSans-Bold"]
        assert min(t for t, _ in tailles_de_texte(pdf)) >= TAILLE_MIN_PT
        texte = mots(texte_brut(pdf))
        siennes = [ml for ml in contacts() if code == config.REGION or ml["departement"] == code]
        coupes = [x for ml in siennes for x in (ml["nom"].removeprefix("Mission Locale "), ml["email"])
                  if x not in texte]
        assert not coupes
