"""The activity report as a PDF typeset by Typst (modeles/rapport.typ): French hyphenation, a table of
contents, page numbers, charts as vector SVG drawn at their printed size (text ≥ 8 pt), names and e-mail
addresses never cut."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from observatoire.sorties import graphiques, typst
from observatoire.sorties.rapport import Figure, Rapport, Tableau, contenu

LARGEUR_TEXTE_PT = 481.9   # A4 (595,3 pt) less two margins of 2 cm
HAUTEUR_GRAPHIQUE_PT = 330  # leaves room for the title and the caption on the same page
PIED = "Observatoire des Missions Locales de Normandie"

# How each kind of table is laid out: column widths (0 = its content's, x = fractions of the rest), numbers
# aligned right, cells kept on one line (values, telephones, e-mails), names never cut (not even after a hyphen),
# hyphenation in the table (off where a label must read as the screen's, whole).
MISES_EN_PAGE = {
    "publies": dict(largeurs=[2.1, 0, 1.2, 1.5], droite=[False, True, False, False],
                    insecables=[False, True, False, False], entiers=[False] * 4, taille=8.5, cesure=False),
    "comparaison": dict(largeurs=[2.4, 1, 1], droite=[False, True, True], insecables=[False, True, True],
                        entiers=[False, False, False], taille=9, cesure=True),
    # towns keep their width ("Saint-Nicolas-d'Aliermont" on one line): the names wrap between words
    "contacts": dict(largeurs=[1, 0, 0, 0], droite=[False] * 4, insecables=[False, False, True, True],
                     entiers=[True, True, False, False], taille=8.5, cesure=False),
}


def _mise_en_page(t: Tableau) -> dict:
    m = dict(MISES_EN_PAGE[t.genre])
    if len(t.colonnes) != len(m["largeurs"]):  # the region's comparison has one value column
        n = len(t.colonnes)
        m = {k: (v[:1] + v[-(n - 1):] if isinstance(v, list) else v) for k, v in m.items()}
    return m


def tableau_json(t: Tableau) -> dict:
    return {**asdict(t), **_mise_en_page(t)}


def figure_json(f: Figure, nom: str, dessin: str) -> dict:
    return {"titre": f.titre, "lecture": f.lecture, "provenance": f.provenance.libelle.capitalize(),
            "source": f.source, "demonstration": f.demonstration, "fichier": nom,
            "largeur": graphiques.largeur_px(dessin) * graphiques.PT_PAR_PX}


def dessins(r: Rapport) -> dict[str, str]:
    """Each chart of the report as SVG at its printed size, by file name."""
    return {f"graphique-{s.cle}-{f.cle}.svg": graphiques.svg(f.spec, LARGEUR_TEXTE_PT, HAUTEUR_GRAPHIQUE_PT)
            for s in r.sections for f in s.figures}


def donnees(r: Rapport, svgs: dict[str, str]) -> dict:
    sections = []
    for s in r.sections:
        figures = [figure_json(f, nom := f"graphique-{s.cle}-{f.cle}.svg", svgs[nom]) for f in s.figures]
        sections.append({
            "cle": s.cle, "titre": s.titre, "paragraphes": s.paragraphes, "actions": s.actions,
            "perspectives": s.perspectives, "mention_texte": s.mention_texte, "demonstration": s.demonstration,
            "phrases": [{"texte": p.texte, "provenance": p.provenance.libelle.capitalize(), "source": p.source}
                        for p in s.phrases],
            "tableaux": [tableau_json(t) for t in s.tableaux], "figures": figures})
    return {"titre": r.titre, "nom": r.nom, "edition": r.edition, "avertissement": r.avertissement,
            "portee_demo": "Les chiffres publiés du rapport restent exacts ; seuls les chiffres marqués "
                           "« démonstration » sont concernés." if r.publie else "",
            "presentation": presentation(r), "pied": f"{PIED} — {r.titre}, {r.nom}", "sections": sections}


def presentation(r: Rapport) -> str:
    if r.publie:
        return ("Chiffres publiés dans le rapport d'activité 2022 de l'ARML Normandie, chacun avec sa section ; "
                "cartes et rythme des entrées calculés sur les extraits.")
    return ("Chiffres calculés sur les extraits du système d'information, comparés à la Normandie ; textes de départ "
            "repris du rapport d'activité régional 2022, à adapter.")


def pdf(annee: int, code: str | None = None, date: dt.date | None = None, rapport: Rapport | None = None) -> bytes:
    """The report as PDF bytes (`rapport`: content already built, e.g. shared with the DOCX)."""
    r = rapport or contenu(annee, code, date)
    svgs = dessins(r)
    return typst.pdf("rapport.typ", donnees(r, svgs), {nom: s.encode("utf-8") for nom, s in svgs.items()})


def nom_fichier(annee: int, code: str | None, extension: str = "pdf") -> str:
    from observatoire.sorties.tableurs import libelle_territoire, nom_fichier as nommer  # noqa: PLC0415

    return nommer("rapport d'activité", f"{libelle_territoire(code)} {annee}", extension)
