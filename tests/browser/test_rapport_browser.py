"""The Rapport d'activité page in Chromium, offline: a shared link opens a Mission Locale, both buttons download
the report (DOCX, PDF) built on click, and the files hold the report of that territory."""
import io

from docx import Document
from pypdf import PdfReader

from observatoire.sorties import rapport
from tests.browser import navigateur
from tests.browser.test_exports_browser import telecharger


def test_rapport_d_activite_telecharge_en_word_et_en_pdf(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, f"{app_url}/rapport_activite?territoire=14-BSE", hors_ligne)
    page.wait_for_selector("[data-testid='stDownloadButton'] button", timeout=60_000)
    assert "Mission Locale Baie de Seine, 2022" in page.locator("[data-testid='stMain']").inner_text()

    nom_docx, docx = telecharger(page, page.get_by_role("button", name="Rapport (Word, modifiable)", exact=True))
    assert nom_docx.endswith(".docx")
    titres = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name == "Heading 1"]
    attendus = rapport.contenu(2022, "14-BSE")
    assert titres == [s.titre for s in attendus.sections]

    nom_pdf, pdf = telecharger(page, page.get_by_role("button", name="Rapport (PDF)", exact=True))
    assert nom_pdf.endswith(".pdf")
    lecteur = PdfReader(io.BytesIO(pdf))
    texte = "\n".join(p.extract_text() for p in lecteur.pages[:3])
    assert "Mission Locale Baie de Seine" in texte and "Sommaire" in texte and "démonstration" in texte
    assert len(lecteur.pages) >= 15
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == []
