"""Fiche territoire: a two-page A4 PDF for the region, a department or a Mission Locale, typeset by Typst
(modeles/fiche.typ, the engine of the activity report: observatoire/sorties/typst.py).

Key figures of the territory beside the region's, two charts (the map with the territory outlined, and a
comparison) drawn at their printed size so that their text stays at least 8 pt, the Missions Locales and their
contacts (names and e-mail addresses never cut), sources and provenance labels — the demonstration data
marked at the top and on each chart. French hyphenation; DejaVu Sans embedded, so that « », the minus sign
U+2212 and the narrow no-break space U+202F of formats.py print as they do on screen.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from observatoire import config, formats, secret, theme_graphique
from observatoire.sorties import diapositives as presentation, phrases
from observatoire.publication import cej, couche, referentiel
from observatoire.sorties.tableurs import libelle_territoire
from observatoire.provenance import AVERTISSEMENT_DEMO, SOURCE_RAPPORT, Provenance
from observatoire.sorties import graphiques, typst

LARGEUR_GRAPHIQUE_PT = 236    # two charts side by side on 481 pt of text
HAUTEUR_GRAPHIQUE_PT = 190


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


def _part(annee: int, colonne: str):
    """A share of the young people in %, as the layer gives it (couche.part): "secret" where the count or the
    total is hidden, « – » without young people."""
    def lire(ou: str, d) -> str:
        v = couche.part(annee, ou, colonne)
        return v if secret.est_secret(v) else "–" if v is None else formats.pourcentage(v, 1)
    return lire


def _realisation(annee: int):
    """Achievement of the State objective as publication/cej.py computes it: « – » without an objective, secret
    where the entries are hidden (× the objective shown, it would give them back)."""
    def lire(ou: str, d) -> str:
        if not d["objectif_cej"]:
            return "–"
        if secret.est_secret(d["nb_entrees"]):
            return secret.SECRET
        return formats.pourcentage(cej.ligne(annee, ou)["realisation_pct"], 0)
    return lire


def lignes_comparaison(annee: int, code: str) -> pd.DataFrame:
    """Key figures of the territory and of the region, as the publication layer gives them (the cells hidden
    are those of the year's reference mask, observatoire/secret/territoires.py, the same as on every page)."""
    c = phrases.chiffres_territoire(annee, code)
    r = phrases.chiffres_territoire(annee, config.REGION)
    taux_par_territoire = couche.jeunes_pour_1000_habitants(annee).set_index("code")

    def taux(ou):
        # the layer's rate, hidden with its count (rate × the public population would give it back)
        v = taux_par_territoire.at[ou, "jeunes_pour_1000_hab"]
        return secret.SECRET if pd.isna(v) else formats.nombre(v, 1)

    def evolution(ou, d):
        v = couche.evolution(annee, ou, "nb_jeunes")
        return "–" if v is None else formats.variation(v)

    def t(colonne):
        return lambda ou, d: secret.formater(d[colonne])

    definitions = [
        ("Jeunes accompagnés", t("nb_jeunes")),
        (f"Évolution par rapport à {annee - 1}", evolution),
        ("Jeunes en premier accueil", t("nb_premiers_accueils")),
        ("Part des jeunes sans diplôme", _part(annee, "nb_sans_diplome")),
        ("Part des jeunes résidant en QPV", _part(annee, "nb_qpv")),
        ("Part des jeunes résidant en ZRR", _part(annee, "nb_zrr")),
        ("Part des jeunes ayant une RQTH", _part(annee, "nb_rqth")),
        ("Jeunes en logement précaire ou complexe", t("nb_logement_precaire")),
        ("Jeunes placés sous main de justice", t("nb_sous_main_justice")),
        ("Entrées en Garantie Jeunes et CEJ", t("nb_entrees")),
        ("Objectif d'entrées conventionné avec l'État",
         lambda ou, d: "–" if d["objectif_cej"] is None else formats.nombre(d["objectif_cej"])),
        ("Taux de réalisation de l'objectif", _realisation(annee)),
        ("Jeunes entrés en emploi", t("nb_jeunes_emploi")),
        ("Jeunes entrés en alternance", t("nb_jeunes_alternance")),
        ("Jeunes entrés en formation", t("nb_jeunes_formation")),
    ]
    rows = [(lib, f(code, c) if c else "–", f(config.REGION, r) if r else "–") for lib, f in definitions]
    rows.insert(1, ("Jeunes accompagnés pour 1\u202f000 habitants (population 2017)", taux(code),
                    taux(config.REGION)))
    return pd.DataFrame(rows, columns=["Indicateur", "Territoire", config.REGION])


# --- drawing --------------------------------------------------------------------------------------

def _graphique(diapo, cle: str) -> tuple[dict, bytes]:
    dessin = graphiques.svg(theme_graphique.spec(diapo.graphique), LARGEUR_GRAPHIQUE_PT, HAUTEUR_GRAPHIQUE_PT)
    alerte = "DONNÉES DE DÉMONSTRATION, aucun territoire réel. " if diapo.provenance is Provenance.DEMO else ""
    nom = f"{cle}.svg"
    return ({"titre": diapo.titre, "lecture": f"{alerte}{diapo.lecture}", "source": diapo.source,
             "provenance": diapo.provenance.libelle.capitalize(), "demonstration": diapo.provenance is Provenance.DEMO,
             "fichier": nom, "largeur": graphiques.largeur_px(dessin) * graphiques.PT_PAR_PX}, dessin.encode("utf-8"))




def _tableau(colonnes, lignes, genre: str, note: str, titre: str = "") -> dict:
    from observatoire.sorties.rapport import Tableau  # noqa: PLC0415
    from observatoire.sorties.rapport_pdf import tableau_json  # noqa: PLC0415

    return tableau_json(Tableau(genre, titre, tuple(colonnes), tuple(tuple(str(c) for c in ligne) for ligne in lignes),
                                phrases.typographier(note)))


def _chiffres(annee: int, code: str, nom: str, publie: bool, prov_extraits: Provenance, source_extraits: str) -> dict:
    if publie:
        lignes, _ = _lignes_publiees(annee)
        t = _tableau(["Indicateur", "Valeur", "Section du rapport"], lignes, "publies",
                     f"Provenance : {Provenance.PUBLIE.libelle}. Source : {SOURCE_RAPPORT}.", "Chiffres clés publiés")
        t.update(largeurs=[2.4, 0, 1.4], droite=[False, True, False], insecables=[False, True, False],
                 entiers=[False] * 3)
        return t
    comp = lignes_comparaison(annee, code)
    return _tableau(["Indicateur", nom, config.REGION], comp.itertuples(index=False), "comparaison",
                    f"Provenance : {prov_extraits.libelle}. Source : {source_extraits}. Les deux colonnes sont "
                    "calculées de la même façon sur les mêmes extraits. Secret statistique : un effectif inférieur à "
                    f"{secret.seuil_actif()} est affiché « secret ».", f"Chiffres clés : {nom} et Normandie")


def _contacts(code: str) -> dict:
    ml = referentiel.coordonnees(code)
    lignes = [(r.nom.removeprefix("Mission Locale "), r.ville_siege, r.telephone, r.email) for r in ml.itertuples()]
    return _tableau(["Mission Locale", "Siège", "Téléphone", "Courriel"], lignes, "contacts",
                    f"Coordonnées publiées dans le {SOURCE_RAPPORT} (points d'accueil).",
                    "Missions Locales" if len(lignes) > 1 else "Mission Locale")


def _sources(publie: bool, demo: bool, source_extraits: str) -> list[str]:
    lignes = []
    if publie:
        lignes.append(f"« {Provenance.PUBLIE.libelle} » : chiffre imprimé dans le {SOURCE_RAPPORT}, avec sa section.")
    lignes.append(f"« {(Provenance.DEMO if demo else Provenance.EXTRAITS).libelle} » : {source_extraits}."
                  + (" Ces chiffres ne décrivent aucun territoire réel." if demo else ""))
    lignes.append(f"Cartes : {presentation.SOURCE_GEO}. Territoires des Missions Locales approchés à partir des EPCI.")
    lignes.append(f"Secret statistique : tout effectif calculé sur extraits inférieur à {secret.seuil_actif()} jeunes "
                  "est masqué (« secret »), ainsi que les cellules qui permettraient de le retrouver.")
    return [phrases.typographier(ligne) for ligne in lignes]


def fiche(annee: int, code: str | None = None, date: dt.date | None = None) -> bytes:
    """The PDF for territory `code` ('Normandie', '14', '14-CAE') and year `annee`, as bytes."""
    code = code or config.REGION
    annee = int(annee)
    date = date or dt.date.today()
    nom = libelle_territoire(code)
    diapos = {d.cle: d for d in presentation.diapos(annee, code)}
    c = phrases.chiffres_territoire(annee, code)
    prov_extraits = Provenance.EXTRAITS if c and c["provenance"] == "extraits" else Provenance.DEMO
    publie = code == config.REGION and "cej" in diapos and diapos["cej"].provenance is Provenance.PUBLIE
    demo = prov_extraits is Provenance.DEMO
    source_extraits = phrases.SOURCE_EXTRAITS if not demo else phrases.SOURCE_DEMO

    figures, fichiers = [], {}
    for cle in ("carte", "cej" if publie else "publics"):
        if diapos.get(cle) is not None and diapos[cle].graphique is not None:
            figure, dessin = _graphique(diapos[cle], cle)
            figures.append(figure)
            fichiers[figure["fichier"]] = dessin
    donnees = {
        "titre": f"{nom} — {annee}", "nom": nom,
        "message": diapos["chiffres"].titre + "." if diapos.get("chiffres") else "",
        "avertissement": ("Données de démonstration — " + AVERTISSEMENT_DEMO.removeprefix("Données de démonstration : ")
                          if demo and not publie else ""),
        "pied": f"Observatoire des Missions Locales de Normandie — {nom}, {annee} — éditée le {formats.date(date)}",
        "chiffres": _chiffres(annee, code, nom, publie, prov_extraits, source_extraits),
        "figures": figures, "contacts": _contacts(code), "sources": _sources(publie, demo, source_extraits),
    }
    return typst.pdf("fiche.typ", donnees, fichiers)


def nom_fichier(annee: int, code: str | None) -> str:
    from observatoire.sorties.tableurs import nom_fichier as nommer  # noqa: PLC0415

    return nommer("fiche territoire", f"{libelle_territoire(code)} {annee}", "pdf")
