"""Fiche territoire: a one- or two-page A4 PDF (fpdf2) for the region, a department or a Mission Locale.

Key figures of the territory beside the region's, two charts (the map with the territory outlined,
and a comparison), the Missions Locales and their contacts, sources and provenance labels — the
demonstration data marked on the first line and in the table. The font is DejaVu Sans, embedded,
so that French text, « », the minus sign U+2212 and the narrow no-break space U+202F of
formats.py print as they do on screen; it is Debian's fonts-dejavu-core (installed with chromium,
and by .ci/run), else matplotlib's bundled copy when matplotlib is installed.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from observatoire import config, db, filtres, formats, secret, secret_territoires
from observatoire.sorties import diapositives as presentation, phrases
from observatoire.sorties.tableurs import libelle_territoire
from observatoire.provenance import AVERTISSEMENT_DEMO, SOURCE_RAPPORT, Provenance

POLICES = [Path("/usr/share/fonts/truetype/dejavu")]
BLEU = (29, 78, 137)
GRIS = (68, 68, 68)
ORANGE = (194, 65, 12)
FOND_DEMO = (255, 244, 229)
FOND_ENTETE = (242, 245, 249)


class PoliceIntrouvable(RuntimeError):
    pass


def _police(gras: bool = False) -> Path:
    nom = "DejaVuSans-Bold.ttf" if gras else "DejaVuSans.ttf"
    dossiers = list(POLICES)
    try:
        import matplotlib  # noqa: PLC0415

        dossiers.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    for d in dossiers:
        if (d / nom).exists():
            return d / nom
    raise PoliceIntrouvable(f"{nom} introuvable : installez le paquet Debian fonts-dejavu-core")


class _Fiche(FPDF):
    def __init__(self, pied: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.pied = pied
        self.add_font("DejaVu", "", str(_police()))
        self.add_font("DejaVu", "B", str(_police(gras=True)))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*GRIS)
        self.multi_cell(0, 3.5, f"{self.pied} — page {self.page_no()}/{{nb}}", align="L")


# --- content --------------------------------------------------------------------------------------

def _lignes_publiees(annee: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(indicator, value, section) for the region, from the report."""
    from observatoire import publies  # noqa: PLC0415

    p = {k: v for k, v in publies.tous().items() if v.annee == annee}
    ids = ["jeunes_accompagnes", "jeunes_accompagnes_evolution", "premiers_accueils", "premiers_accueils_evolution",
           "publics_part_sans_diplome", "publics_part_qpv", "publics_part_zrr", "handicap_part_rqth",
           "logement_precaire_part", "justice_jeunes", "cej_entrees_total", "cej_objectif", "cej_taux_realisation",
           "cej_sorties_emploi_durable", "emploi_observatoire_jeunes_entres_emploi",
           "emploi_observatoire_jeunes_alternance", "formation_observatoire_jeunes"]
    lignes = [(p[i].libelle, p[i].texte, p[i].source) for i in ids if i in p]
    sections = []
    for i in ids:
        if i in p and p[i].source not in sections:
            sections.append(p[i].source)
    return lignes, sections


def _part(n, total, cache: bool = False) -> str:
    """A share in %, "secret" when the count or the total is hidden (`cache`, or under the threshold)."""
    if cache or secret.est_primaire(n) or secret.est_primaire(total):
        return secret.SECRET
    if not total:
        return "–"
    return formats.pourcentage(100 * n / total, 1)


def lignes_comparaison(annee: int, code: str) -> pd.DataFrame:
    """Key figures of the territory and of the region, computed alike from the extracts; the cells hidden are
    those of the year's reference mask (observatoire/secret_territoires.py), the same as on every page."""
    c = phrases.chiffres_territoire(annee, code)
    r = phrases.chiffres_territoire(annee, config.REGION)
    par_ml = db.requete("jeunes_par_mission_locale", annee=annee)
    lignes_ml = par_ml[(par_ml["code_ml"] == code) | (par_ml["departement"] == code)] if code != config.REGION else par_ml

    def cache(ou: str, *colonnes: str, an: int = annee) -> bool:
        return any(secret_territoires.est_cache(an, ou, col) for col in colonnes)

    def taux(ou, df):
        # rate × the (public) population would give the count back
        if cache(ou, "nb_jeunes"):
            return secret.SECRET
        return formats.nombre(1000 * df["nb_jeunes"].sum() / df["population_2017"].sum(), 1)

    def evolution(ou, d, cle):
        prec = d[f"{cle}_annee_precedente"]
        if not prec or secret.est_primaire(prec) or secret.est_primaire(d[cle]) \
                or cache(ou, cle) or cache(ou, cle, an=annee - 1) or not filtres.evolution_comparable(annee):
            return "–"
        return formats.variation(100 * (d[cle] - prec) / prec)

    def entrees(d):
        return (d["nb_entrees_gj"] or 0) + (d["nb_entrees_cej"] or 0)

    def realisation(ou, d):
        obj = d["objectif_cej"]
        if obj is None or pd.isna(obj) or not obj:
            return "–"
        if cache(ou, "nb_entrees") or secret.est_primaire(entrees(d)):
            return secret.SECRET  # × the objective shown, it would give the entries back
        return formats.pourcentage(100 * entrees(d) / obj, 0)

    def t(colonne, valeur=None):
        return lambda ou, d: secret_territoires.texte(annee, ou, colonne, d[colonne] if valeur is None else valeur(d))

    def part(colonne):
        return lambda ou, d: _part(d[colonne], d["nb_jeunes"], cache(ou, colonne, "nb_jeunes"))

    definitions = [
        ("Jeunes accompagnés", t("nb_jeunes")),
        (f"Évolution par rapport à {annee - 1}", lambda ou, d: evolution(ou, d, "nb_jeunes")),
        ("Jeunes en premier accueil", t("nb_premiers_accueils")),
        ("Part des jeunes sans diplôme", part("nb_sans_diplome")),
        ("Part des jeunes résidant en QPV", part("nb_qpv")),
        ("Part des jeunes résidant en ZRR", part("nb_zrr")),
        ("Part des jeunes ayant une RQTH", part("nb_rqth")),
        ("Jeunes en logement précaire ou complexe", t("nb_logement_precaire")),
        ("Jeunes placés sous main de justice", t("nb_sous_main_justice")),
        ("Entrées en Garantie Jeunes et CEJ", t("nb_entrees", entrees)),
        ("Objectif d'entrées fixé par l'État",
         lambda ou, d: "–" if pd.isna(d["objectif_cej"]) else formats.nombre(d["objectif_cej"])),
        ("Taux de réalisation de l'objectif", realisation),
        ("Jeunes entrés en emploi", t("nb_jeunes_emploi")),
        ("Jeunes entrés en alternance", t("nb_jeunes_alternance")),
        ("Jeunes entrés en formation", t("nb_jeunes_formation")),
    ]
    rows = [(lib, f(code, c), f(config.REGION, r)) for lib, f in definitions]
    rows.insert(1, ("Jeunes accompagnés pour 1\u202f000 habitants (population 2017)", taux(code, lignes_ml),
                    taux(config.REGION, par_ml)))
    return pd.DataFrame(rows, columns=["Indicateur", "Territoire", config.REGION])


# --- drawing --------------------------------------------------------------------------------------

def _png(chart) -> bytes:
    import vl_convert as vlc  # noqa: PLC0415

    return vlc.vegalite_to_png(chart.to_dict(), scale=2)


def _titre_section(pdf: _Fiche, texte: str) -> None:
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_text_color(*BLEU)
    pdf.cell(0, 7, texte, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)


def _tableau(pdf: _Fiche, entete: list[str], lignes: list[tuple], largeurs: list[float],
             alignements: tuple[str, ...] | None = None) -> None:
    """A table whose long texts wrap (fpdf2's table), heading in ARML blue, rows striped."""
    from fpdf.fonts import FontFace  # noqa: PLC0415

    alignements = alignements or ("LEFT",) + ("RIGHT",) * (len(entete) - 1)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_fill_color(*FOND_ENTETE)
    with pdf.table(col_widths=largeurs, width=sum(largeurs), align="LEFT", text_align=alignements,
                   borders_layout="NONE", cell_fill_color=FOND_ENTETE, cell_fill_mode="ROWS",
                   headings_style=FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLEU),
                   line_height=4.4, padding=(0.6, 1.2), first_row_as_headings=True) as table:
        table.row([str(t) for t in entete])
        for ligne in lignes:
            table.row([str(t) for t in ligne])
    pdf.ln(1)


def _bandeau_demo(pdf: _Fiche) -> None:
    pdf.set_fill_color(*FOND_DEMO)
    pdf.set_text_color(*ORANGE)
    pdf.set_font("DejaVu", "B", 9)
    pdf.multi_cell(0, 4.6, "Données de démonstration — " + AVERTISSEMENT_DEMO.removeprefix("Données de démonstration : "),
                   fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _image(pdf: _Fiche, chart, x: float, y: float, largeur: float, legende: str) -> float:
    from PIL import Image  # noqa: PLC0415

    png = _png(chart)
    l_px, h_px = Image.open(io.BytesIO(png)).size
    hauteur = largeur * h_px / l_px
    pdf.image(io.BytesIO(png), x=x, y=y, w=largeur, h=hauteur, alt_text=legende)
    pdf.set_xy(x, y + hauteur + 1)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_text_color(*GRIS)
    pdf.multi_cell(largeur, 3.6, legende, align="L")
    pdf.set_text_color(0, 0, 0)
    return pdf.get_y()


def fiche(annee: int, code: str | None = None, date: dt.date | None = None) -> bytes:
    """The PDF for territory `code` ('Normandie', '14', '14-CAE') and year `annee`, as bytes."""
    code = code or config.REGION
    annee = int(annee)
    date = date or dt.date.today()

    nom = libelle_territoire(code)
    diapos = {d.cle: d for d in presentation.diapos(annee, code)}
    c = phrases.chiffres_territoire(annee, code)
    prov_extraits = Provenance.EXTRAITS if c["provenance"] == "extraits" else Provenance.DEMO
    publie = code == config.REGION and "cej" in diapos and diapos["cej"].provenance is Provenance.PUBLIE
    demo = prov_extraits is Provenance.DEMO
    source_extraits = phrases.SOURCE_EXTRAITS if not demo else phrases.SOURCE_DEMO

    pdf = _Fiche(f"Observatoire des Missions Locales de Normandie — {nom}, {annee} — "
                 f"éditée le {formats.date(date)}")
    pdf.set_title(f"Fiche territoire — {nom} — {annee}")
    pdf.set_author("Observatoire des Missions Locales de Normandie")
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(*GRIS)
    pdf.cell(0, 5, "Observatoire des Missions Locales de Normandie — fiche territoire",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_font("DejaVu", "B", 20)
    pdf.set_text_color(*BLEU)
    pdf.multi_cell(0, 9, f"{nom} — {annee}", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)
    if diapos.get("chiffres"):
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 5.5, diapos["chiffres"].titre + ".", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(1)
    if demo and not publie:
        _bandeau_demo(pdf)

    if publie:
        lignes, sections = _lignes_publiees(annee)
        _titre_section(pdf, "Chiffres clés publiés")
        _tableau(pdf, ["Indicateur", "Valeur", "Section du rapport"],
                 lignes, [104, 24, 52], ("LEFT", "RIGHT", "LEFT"))
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_text_color(*GRIS)
        pdf.multi_cell(0, 3.6, f"Provenance : {Provenance.PUBLIE.libelle}. Source : {SOURCE_RAPPORT}.",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_text_color(0, 0, 0)
    else:
        comp = lignes_comparaison(annee, code)
        _titre_section(pdf, f"Chiffres clés : {nom} et Normandie")
        _tableau(pdf, ["Indicateur", nom[:28], config.REGION], list(comp.itertuples(index=False)), [110, 40, 30])
        pdf.set_font("DejaVu", "", 7.5)
        pdf.set_text_color(*GRIS)
        pdf.multi_cell(0, 3.6, f"Provenance : {prov_extraits.libelle}. Source : {source_extraits}. "
                       f"Les deux colonnes sont calculées de la même façon sur les mêmes extraits. "
                       f"Secret statistique : un effectif inférieur à {secret.seuil_actif()} est affiché « secret ».",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_text_color(0, 0, 0)

    # Two charts side by side: the map, and the CEJ (region) or the comparison of qualifications (territory).
    y = pdf.get_y() + 3
    if y > 190:
        pdf.add_page()
        y = pdf.get_y()
    bas = y
    carte = diapos.get("carte")
    if carte is not None:
        alerte = "DONNÉES DE DÉMONSTRATION, aucun territoire réel. " if carte.provenance is Provenance.DEMO else ""
        bas = max(bas, _image(pdf, carte.graphique, 15, y, 84, f"{alerte}{carte.titre}. "
                                                               f"{carte.provenance.libelle.capitalize()}. "
                                                               f"Source : {carte.source}."))
    second = diapos.get("publics") if not publie else diapos.get("cej")
    if second is not None and second.graphique is not None:
        bas = max(bas, _image(pdf, second.graphique, 107, y, 84, f"{second.titre}. "
                                                                 f"{second.provenance.libelle.capitalize()}. "
                                                                 f"Source : {second.source}."))
    pdf.set_y(bas + 2)

    _missions_locales(pdf, code)
    _sources(pdf, publie, demo, source_extraits)
    return bytes(pdf.output())


def _missions_locales(pdf: _Fiche, code: str) -> None:
    ml = db.requete("coordonnees_missions_locales")
    if code != config.REGION:
        ml = ml[(ml["code_ml"] == code) | (ml["departement"] == code)]
    if pdf.get_y() > 297 - 18 - 8 - 5.4 * min(len(ml), 8):
        pdf.add_page()
    _titre_section(pdf, "Missions Locales" if len(ml) > 1 else "Mission Locale")
    lignes = [(r.nom.removeprefix("Mission Locale "), r.ville_siege, r.telephone, r.email)
              for r in ml.itertuples()]
    _tableau(pdf, ["Mission Locale", "Siège", "Téléphone", "Courriel"], lignes, [62, 38, 26, 54], ("LEFT",) * 4)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_text_color(*GRIS)
    pdf.multi_cell(0, 3.6, f"Coordonnées publiées dans le {SOURCE_RAPPORT} (points d'accueil).",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)


def _sources(pdf: _Fiche, publie: bool, demo: bool, source_extraits: str) -> None:
    if pdf.get_y() > 240:
        pdf.add_page()
    _titre_section(pdf, "Sources et provenance")
    pdf.set_font("DejaVu", "", 8.5)
    lignes = []
    if publie:
        lignes.append(f"« {Provenance.PUBLIE.libelle} » : chiffre imprimé dans le {SOURCE_RAPPORT}, "
                      "avec sa section.")
    lignes.append(f"« {(Provenance.DEMO if demo else Provenance.EXTRAITS).libelle} » : {source_extraits}."
                  + (" Ces chiffres ne décrivent aucun territoire réel." if demo else ""))
    lignes.append(f"Cartes : {presentation.SOURCE_GEO}. Territoires des Missions Locales approchés à partir des EPCI.")
    lignes.append(f"Secret statistique : tout effectif calculé sur extraits inférieur à {secret.seuil_actif()} jeunes "
                  "est masqué (« secret »), ainsi que les cellules qui permettraient de le retrouver.")
    for ligne in lignes:
        pdf.multi_cell(0, 4.4, "• " + phrases.typographier(ligne), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def nom_fichier(annee: int, code: str | None) -> str:
    from observatoire.sorties.tableurs import nom_fichier as nommer  # noqa: PLC0415

    return nommer("fiche territoire", f"{libelle_territoire(code)} {annee}", "pdf")
