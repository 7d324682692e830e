"""PowerPoint deck (16:9) of the key figures and charts for a year and a territory (python-pptx).

One message per slide: the title is the message as a sentence, big numbers beneath it, the chart as an
image made by vl-convert from the same Altair spec as on screen (with its reading as alternative
text), and in each slide's footer the provenance and the source. Demonstration slides carry an
orange banner. The content comes from observatoire/sorties/diapositives.py, shared with the presentation mode.
"""
from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from observatoire import config, formats
from observatoire.sorties import diapositives, phrases
from observatoire.sorties.tableurs import libelle_territoire
from observatoire.provenance import AVERTISSEMENT_DEMO, SOURCE_RAPPORT, Provenance

LARGEUR, HAUTEUR = Inches(13.333), Inches(7.5)  # 16:9
BLEU = RGBColor(0x1D, 0x4E, 0x89)
NOIR = RGBColor(0x1A, 0x1A, 0x1A)
GRIS = RGBColor(0x44, 0x44, 0x44)
ORANGE = RGBColor(0xC2, 0x41, 0x0C)
# Arial is on every office PC (Windows, Mac); LibreOffice draws it with Liberation Sans, same letter widths,
# so that what is measured here (the footer's length) holds in PowerPoint and Impress alike.
POLICE = "Arial"
NOM_PIED = "Pied de page"
MARGE = Inches(0.5)
# Chart text in px of the Vega spec; the chart is drawn the size of its box in points, so 1 px = 1 pt.
TAILLE_TEXTE_GRAPHIQUE = 16
TAILLES_PIED = (12, 11, 10, 9)  # pt: the largest that puts each line of the footer on one line
MARGE_INTERNE = Inches(0.1)     # python-pptx's default left and right insets of a text box


def _texte(slide, x, y, larg, haut, texte: str, taille: int, gras=False, couleur=NOIR, nom: str | None = None,
           alignement=PP_ALIGN.LEFT, ancre=MSO_ANCHOR.TOP):
    boite = slide.shapes.add_textbox(x, y, larg, haut)
    if nom:
        boite.name = nom
    cadre = boite.text_frame
    cadre.word_wrap = True
    cadre.vertical_anchor = ancre
    for i, ligne in enumerate(texte.split("\n")):
        para = cadre.paragraphs[0] if i == 0 else cadre.add_paragraph()
        para.alignment = alignement
        run = para.add_run()
        run.text = ligne
        run.font.size = Pt(taille)
        run.font.bold = gras
        run.font.name = POLICE
        run.font.color.rgb = couleur
    return boite


def _titre(slide, texte: str) -> None:
    titre = slide.shapes.title
    titre.left, titre.top, titre.width, titre.height = MARGE, Inches(0.35), LARGEUR - 2 * MARGE, Inches(1.3)
    titre.text = texte
    cadre = titre.text_frame
    cadre.word_wrap = True
    cadre.vertical_anchor = MSO_ANCHOR.TOP
    for para in cadre.paragraphs:
        para.alignment = PP_ALIGN.LEFT
        for run in para.runs:
            run.font.size = Pt(30 if len(texte) < 90 else 24)
            run.font.bold = True
            run.font.name = POLICE
            run.font.color.rgb = NOIR


def lignes_du_pied(morceaux: list[str], largeur_pt: float) -> tuple[int, list[str]]:
    """The footer's pieces (provenance and source, scope, date) packed into at most two lines, each short
    enough to stay on one line at the largest size of TAILLES_PIED (measured with Arial's widths): a footer
    that wraps by itself breaks wherever the line ends, e.g. between a day and its month."""
    from observatoire.sorties.tableurs import largeur_texte  # noqa: PLC0415

    def ranger(taille: int) -> list[str]:
        lignes: list[str] = []
        for morceau in morceaux:
            suite = f"{lignes[-1]} — {morceau}" if lignes else morceau
            if lignes and largeur_texte(suite, taille) <= largeur_pt:
                lignes[-1] = suite
            else:
                lignes.append(morceau)
        return lignes

    for nb_lignes in (1, 2):  # one line if it can be read (10 pt at least), else two
        for taille in TAILLES_PIED[:-1] if nb_lignes == 1 else TAILLES_PIED:
            lignes = ranger(taille)
            if len(lignes) <= nb_lignes and all(largeur_texte(ligne, taille) <= largeur_pt for ligne in lignes):
                return taille, lignes
    # Still too long: cut the longest pieces at their "; " (a source's parts), at the smallest size.
    taille = TAILLES_PIED[-1]
    morceaux = [m for morceau in morceaux for m in morceau.replace(" ; ", " ;\x00").split("\x00")]
    return taille, ranger(taille)


def _pied(slide, morceaux: list[str], demo: bool) -> None:
    """Footer lines that never wrap (each line measured to fit, with 3 % to spare), above them the demo banner."""
    largeur = LARGEUR - 2 * MARGE
    taille, lignes = lignes_du_pied(morceaux, 0.97 * (largeur - 2 * MARGE_INTERNE) / 12700)
    hauteur = Pt(taille * 1.25 * len(lignes) + 8)
    haut = HAUTEUR - Inches(0.2) - hauteur
    if demo:
        bandeau = _texte(slide, MARGE, haut - Inches(0.55), largeur, Inches(0.5),
                         AVERTISSEMENT_DEMO, 14, couleur=ORANGE, nom="Avertissement démonstration")
        bandeau.fill.solid()
        bandeau.fill.fore_color.rgb = RGBColor(0xFF, 0xF4, 0xE5)
    _texte(slide, MARGE, haut, largeur, hauteur, "\n".join(lignes), taille, couleur=GRIS, nom=NOM_PIED,
           ancre=MSO_ANCHOR.BOTTOM)


def _chiffres(slide, chiffres, x, y, largeur, hauteur, en_colonne: bool) -> None:
    """Big numbers with their label: stacked beside a chart, or side by side on a slide without one."""
    if not chiffres:
        return
    n = len(chiffres)
    if en_colonne:
        pas = min(hauteur // n, Inches(1.75))
        taille = 44 if n <= 3 else 34
    else:
        pas = largeur // n
        taille = 54 if n <= 3 else 44
    haut_valeur = Pt(taille * 1.45)
    for i, c in enumerate(chiffres):
        cx, cy, cl = (x, y + i * pas, largeur) if en_colonne else (x + i * pas, y, pas)
        _texte(slide, cx, cy, cl - Inches(0.2), haut_valeur, c.valeur, taille, gras=True, couleur=BLEU,
               nom=f"Chiffre {i + 1}")
        libelle = c.libelle + (f"\n{c.detail}" if c.detail else "")
        _texte(slide, cx, cy + haut_valeur, cl - Inches(0.2), Inches(0.7), libelle, 15 if n > 3 else 16)


def spec_graphique(diapo: diapositives.Diapo, largeur: int, hauteur: int) -> dict:
    """The slide's chart for a box of `largeur` × `hauteur` EMU: drawn that size in points, text
    TAILLE_TEXTE_GRAPHIQUE pt once placed (tests/test_diaporama.py measures it)."""
    return diapositives.grand_format(diapo.graphique, int(largeur / 12700), int(hauteur / 12700),
                                     TAILLE_TEXTE_GRAPHIQUE).to_dict()


def _image(slide, diapo: diapositives.Diapo, x, y, largeur, hauteur) -> None:
    import vl_convert as vlc  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    png = vlc.vegalite_to_png(spec_graphique(diapo, largeur, hauteur), scale=2)
    l_px, h_px = Image.open(io.BytesIO(png)).size
    echelle = min(largeur / l_px, hauteur / h_px)  # 1 px of the spec (2 of the image) = 1 pt, give or take
    larg, haut = Emu(int(l_px * echelle)), Emu(int(h_px * echelle))
    image = slide.shapes.add_picture(io.BytesIO(png), x + (largeur - larg) // 2, y + (hauteur - haut) // 2,
                                     larg, haut)
    image.name = f"Graphique {diapo.cle}"
    image._element.nvPicPr.cNvPr.set("descr", diapo.lecture)  # alternative text for screen readers


def deck(annee: int, territoire: str | None = None, date: dt.date | None = None) -> bytes:
    """The .pptx file, as bytes."""
    territoire = territoire or config.REGION
    date = date or dt.date.today()
    diapos = diapositives.diapos(annee, territoire)
    prs = Presentation()
    prs.slide_width, prs.slide_height = LARGEUR, HAUTEUR
    titre_seul = prs.slide_layouts[5]
    nom = libelle_territoire(territoire)
    demo = any(d.provenance is Provenance.DEMO for d in diapos)

    couverture = prs.slides.add_slide(titre_seul)
    _titre(couverture, phrases.typographier(f"Missions Locales de Normandie : l'essentiel de {annee}"))
    _texte(couverture, MARGE, Inches(2.3), LARGEUR - 2 * MARGE, Inches(1), f"{nom} — {annee}", 36, gras=True,
           couleur=BLEU, nom="Périmètre")

    _texte(couverture, MARGE, Inches(3.4), LARGEUR - 2 * MARGE, Inches(1.2),
           "Observatoire des Missions Locales de Normandie — ARML Normandie\n"
           f"Diaporama généré le {formats.date(date)}", 18, couleur=GRIS)
    familles = []
    if any(d.provenance in (Provenance.PUBLIE, Provenance.DERIVE) for d in diapos):
        familles.append(SOURCE_RAPPORT)
    if demo:
        familles.append("données de démonstration de l'observatoire")
    if any(d.provenance is Provenance.EXTRAITS for d in diapos):
        familles.append("extraits du système d'information des Missions Locales (I-Milo)")
    if any(d.cle == "carte" for d in diapos):
        familles.append(diapositives.SOURCE_GEO)
    _pied(couverture, ["Sources : " + " ; ".join(familles), "Chaque diapositive précise la sienne."], demo)

    for d in diapos:
        slide = prs.slides.add_slide(titre_seul)
        _titre(slide, d.titre)
        haut, bas = Inches(1.75), HAUTEUR - Inches(1.55 if d.provenance is Provenance.DEMO else 0.95)
        if d.graphique is not None:
            _chiffres(slide, d.chiffres[:4], MARGE, haut, Inches(4.2), bas - haut, en_colonne=True)
            _image(slide, d, MARGE + Inches(4.4), haut, LARGEUR - 2 * MARGE - Inches(4.4), bas - haut)
        else:
            _chiffres(slide, d.chiffres, MARGE, haut + Inches(0.8), LARGEUR - 2 * MARGE, Inches(2.5),
                      en_colonne=False)
        # A slide copied out of the deck keeps its territory, year and date
        _pied(slide, [*d.mention.split(" — "), f"{nom}, {annee}", formats.date(date).replace(" ", "\u00a0")],
              d.provenance is Provenance.DEMO)
    sortie = io.BytesIO()
    prs.core_properties.title = f"Missions Locales de Normandie : l'essentiel de {annee} — {nom}"
    prs.core_properties.author = "Observatoire des Missions Locales de Normandie"
    prs.save(sortie)
    return sortie.getvalue()


def nom_fichier(annee: int, territoire: str | None) -> str:
    from observatoire.sorties.tableurs import nom_fichier as nommer  # noqa: PLC0415

    return nommer("diaporama", f"{libelle_territoire(territoire)} {annee}", "pptx")
