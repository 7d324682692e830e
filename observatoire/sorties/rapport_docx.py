"""The activity report as an editable Word document (python-docx), for the communication team to rewrite.

Same content as the PDF (observatoire/sorties/rapport.py). Arial, which every office PC has (LibreOffice
substitutes the metric-compatible Liberation Sans); French language and automatic hyphenation set in the
document, names and addresses exempt; a table of contents field Word refreshes on opening (its entries are
already written, so that a reader without Word sees them too); page numbers in the footer; charts drawn at
their printed size (text ≥ 8 pt) as SVG (Word 365) with a PNG at 2,5× for the other clients.
"""
from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from observatoire.sorties import graphiques
from observatoire.sorties.rapport import Figure, Rapport, Section, Tableau, contenu
from observatoire.sorties.rapport_pdf import HAUTEUR_GRAPHIQUE_PT, LARGEUR_TEXTE_PT, PIED, presentation

POLICE = "Arial"
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLEU = RGBColor(0x1D, 0x4E, 0x89)
GRIS = RGBColor(0x44, 0x44, 0x44)
ORANGE = RGBColor(0x9A, 0x34, 0x12)

# Column widths in cm per kind of table (17 cm of text), as in the PDF.
LARGEURS_CM = {"publies": (6.6, 2.0, 3.4, 5.0), "comparaison": (8.6, 4.2, 4.2), "contacts": (4.1, 3.9, 2.8, 6.2)}
# Cells kept whole (names, telephones, e-mails: never hyphenated) and numbers aligned right, per kind of table;
# in names and towns, hyphens become non-breaking (U+2011) so that "Saint-Nicolas-d'Aliermont" stays on one line.
INSECABLES = {"publies": (True, True, True, True), "comparaison": (False, True, True),
              "contacts": (True, True, True, True)}
NOMS = {"contacts": (True, True, False, False)}
A_DROITE = {"publies": (False, True, False, False), "comparaison": (False, True, True),
            "contacts": (False, False, False, False)}


# --- styles and document settings ------------------------------------------------------------------

def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = POLICE, Pt(10)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), POLICE)
    langue = OxmlElement("w:lang")
    langue.set(qn("w:val"), "fr-FR")
    rpr.append(langue)
    for nom, taille in (("Title", 28), ("Heading 1", 16), ("Heading 2", 11.5)):
        style = doc.styles[nom]
        style.font.name, style.font.size, style.font.color.rgb = POLICE, Pt(taille), BLEU
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:asciiTheme"), "")  # our font, not the theme's
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    note = doc.styles.add_style("Note", 1)
    note.base_style = normal
    note.font.size, note.font.color.rgb = Pt(8), GRIS
    note.paragraph_format.space_after = Pt(6)


def _reglages(doc: Document) -> None:
    """French hyphenation on, and fields (table of contents, page numbers) refreshed when Word opens it."""
    reglages = doc.settings.element
    for balise in ("w:autoHyphenation", "w:updateFields"):
        el = OxmlElement(balise)
        el.set(qn("w:val"), "true")
        reglages.append(el)


def _champ(paragraphe, instruction: str, resultat: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with its current result."""
    def fld(type_):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), type_)
        return el

    debut = paragraphe.add_run()
    debut._r.append(fld("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraphe.add_run()._r.append(instr)
    paragraphe.add_run()._r.append(fld("separate"))
    paragraphe.add_run(resultat)
    paragraphe.add_run()._r.append(fld("end"))


def _pied(doc: Document, texte: str) -> None:
    p = doc.sections[0].footer.paragraphs[0]
    p._p.style = "Note"
    p.add_run(f"{texte} — page ")
    _champ(p, "PAGE", "1")
    p.add_run(" sur ")
    _champ(p, "NUMPAGES", "1")


# --- blocks ----------------------------------------------------------------------------------------

def _paragraphe(doc: Document, texte: str, style_id: str | None = None):
    """A paragraph in the style of that id. python-docx looks a style up by name through every style of the
    template (half the document's time): the id is written directly."""
    p = doc.add_paragraph(texte)
    if style_id:
        p._p.style = style_id
    return p


def _note(doc: Document, texte: str) -> None:
    _paragraphe(doc, texte, "Note")


def _bandeau_demo(doc: Document, texte: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(texte)
    run.bold, run.font.color.rgb, run.font.size = True, ORANGE, Pt(9)
    _ombrer(p._p.get_or_add_pPr(), "FFF4E5")


def _ombrer(proprietes, couleur: str) -> None:
    ombre = OxmlElement("w:shd")
    for cle, val in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", couleur)):
        ombre.set(qn(cle), val)
    proprietes.append(ombre)


def _sans_coupure(paragraphe) -> None:
    """No automatic hyphenation in this paragraph (names, telephones, e-mail addresses)."""
    paragraphe.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:suppressAutoHyphens"))


def _tableau(doc: Document, t: Tableau) -> None:
    titre = doc.add_paragraph()
    run = titre.add_run(t.titre)
    run.bold, run.font.color.rgb = True, BLEU
    if t.demonstration:
        _bandeau_demo(doc, "Données de démonstration : ces chiffres ne décrivent aucun territoire réel.")
    largeurs = LARGEURS_CM[t.genre] if len(t.colonnes) == len(LARGEURS_CM[t.genre]) else (13.0, 4.0)
    table = doc.add_table(rows=1, cols=len(t.colonnes))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # LibreOffice and Word read the grid's widths, not only the cells'
    for colonne, largeur in zip(table.columns, largeurs):
        colonne.width = Cm(largeur)
    for ligne_index, valeurs in enumerate([t.colonnes, *t.lignes]):
        cellules = table.rows[0].cells if ligne_index == 0 else table.add_row().cells
        for i, (cellule, valeur) in enumerate(zip(cellules, valeurs)):
            nom = ligne_index > 0 and NOMS.get(t.genre, (False,) * 4)[i]
            _cellule(cellule, valeur.replace("-", "\u2011") if nom else valeur, largeurs[i],
                     entete=ligne_index == 0, droite=A_DROITE[t.genre][i], insecable=INSECABLES[t.genre][i])
    for i, rang in enumerate(table.rows):
        _ligne_entiere(rang, entete=i == 0)
    if t.note:
        _note(doc, t.note)


def _ligne_entiere(rang, entete: bool) -> None:
    """A row never split over two pages; the heading row repeated at the top of each page."""
    proprietes = rang._tr.get_or_add_trPr()
    for balise in ("w:cantSplit", "w:tblHeader") if entete else ("w:cantSplit",):
        proprietes.append(OxmlElement(balise))


def _cellule(cellule, valeur: str, largeur_cm: float, entete: bool, droite: bool, insecable: bool) -> None:
    cellule.width = Cm(largeur_cm)
    p = cellule.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    if droite:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if insecable:
        _sans_coupure(p)
    run = p.add_run(str(valeur))
    run.font.size = Pt(8.5)
    if entete:
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
        _ombrer(cellule._tc.get_or_add_tcPr(), "1D4E89")


def _graphique(doc: Document, f: Figure) -> None:
    import vl_convert as vlc  # noqa: PLC0415

    titre = doc.add_paragraph()
    run = titre.add_run(f.titre)
    run.bold, run.font.color.rgb = True, BLEU
    titre.paragraph_format.keep_with_next = True
    if f.demonstration:
        _bandeau_demo(doc, "DÉMONSTRATION : données de démonstration, aucun territoire réel.")
    dessin = graphiques.svg(f.spec, LARGEUR_TEXTE_PT, HAUTEUR_GRAPHIQUE_PT)
    largeur_pt = graphiques.largeur_px(dessin) * graphiques.PT_PAR_PX
    image = vlc.svg_to_png(dessin, scale=2.5)
    doc.add_picture(io.BytesIO(image), width=Pt(largeur_pt))
    _joindre_svg(doc, dessin)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    _texte_alternatif(doc, f.lecture)
    _note(doc, f"À retenir : {f.lecture} — {f.provenance.libelle.capitalize()}. Source : {f.source}.")


def _joindre_svg(doc: Document, dessin: str) -> None:
    """The vector drawing beside the PNG (Office 2016's svgBlip extension): Word 365 shows the SVG; LibreOffice
    (as of the tests here) and older clients show the PNG, drawn from the same SVG at 2,5×."""
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415
    from docx.opc.packuri import PackURI  # noqa: PLC0415
    from docx.opc.part import Part  # noqa: PLC0415

    paquet = doc.part.package
    numero = sum(1 for p in paquet.iter_parts() if p.partname.endswith(".svg")) + 1
    partie = Part(PackURI(f"/word/media/graphique{numero}.svg"), "image/svg+xml", dessin.encode("utf-8"), paquet)
    r_id = doc.part.relate_to(partie, RELATIONSHIP_TYPE.IMAGE)
    blip = next(doc.paragraphs[-1]._p.iter(qn("a:blip")))
    extensions = OxmlElement("a:extLst")
    extension = OxmlElement("a:ext")
    extension.set("uri", SVG_EXTENSION)
    svg_blip = parse_xml(f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" xmlns:r="{R_NS}" r:embed="{r_id}"/>')
    extension.append(svg_blip)
    extensions.append(extension)
    blip.append(extensions)


def _texte_alternatif(doc: Document, texte: str) -> None:
    """The chart's reading as the picture's description (screen readers, Word's alt text)."""
    for doc_pr in doc.paragraphs[-1]._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", texte)


def _section(doc: Document, s: Section) -> None:
    _paragraphe(doc, s.titre, "Heading1")
    if s.demonstration:
        _bandeau_demo(doc, "Cette section contient des données de démonstration, signalées à chaque endroit : "
                           "elles ne décrivent aucun territoire réel.")
    for texte in s.paragraphes:
        doc.add_paragraph(texte)
    for titre, elements in (("Ce que le réseau a fait en 2022", s.actions), ("Perspectives 2023", s.perspectives)):
        if elements:
            _paragraphe(doc, titre, "Heading2")
            for e in elements:
                _paragraphe(doc, e, "ListBullet")
    if s.mention_texte:
        _note(doc, s.mention_texte)
    for p in s.phrases:
        doc.add_paragraph(p.texte).paragraph_format.space_after = Pt(0)
        _note(doc, f"{p.provenance.libelle.capitalize()}. Source : {p.source}.")
    for t in s.tableaux:
        _tableau(doc, t)
    for f in s.figures:
        _graphique(doc, f)


def _couverture(doc: Document, r: Rapport) -> None:
    _note(doc, "Observatoire des Missions Locales de Normandie")
    _paragraphe(doc, r.titre, "Title")
    sous_titre = doc.add_paragraph()
    run = sous_titre.add_run(r.nom)
    run.font.size, run.font.color.rgb = Pt(18), BLEU
    _note(doc, f"Édité le {r.edition}. {presentation(r)}")
    if r.avertissement:
        _bandeau_demo(doc, r.avertissement)
    titre = doc.add_paragraph()
    run = titre.add_run("Sommaire")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BLEU
    _champ(doc.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u', "")
    for s in r.sections:  # the field's current result: the entries, refreshed with page numbers by Word
        _paragraphe(doc, s.titre, "Note").paragraph_format.space_after = Pt(0)


def document(r: Rapport) -> bytes:
    doc = Document()
    _styles(doc)
    _reglages(doc)
    marges = doc.sections[0]
    marges.left_margin = marges.right_margin = Cm(2)  # as the PDF: the same drawings fit both
    doc.core_properties.title = f"{r.titre} — {r.nom}"
    doc.core_properties.author = PIED
    doc.core_properties.language = "fr-FR"
    _pied(doc, f"{PIED} — {r.titre}, {r.nom}")
    _couverture(doc, r)
    for s in r.sections:
        _section(doc, s)
    sortie = io.BytesIO()
    doc.save(sortie)
    return sortie.getvalue()


def docx(annee: int, code: str | None = None, date: dt.date | None = None, rapport: Rapport | None = None) -> bytes:
    """The report as DOCX bytes (`rapport`: content already built, e.g. shared with the PDF)."""
    return document(rapport or contenu(annee, code, date))

