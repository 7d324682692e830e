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

from observatoire import config, db, formats, secret, theme_graphique
from observatoire.sorties import diapositives as presentation, phrases
from observatoire.publication import couche, perimetre
from observatoire.secret import territoires as secret_territoires
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
    taux_par_territoire = couche.jeunes_pour_1000_habitants(annee).set_index("code")

    def cache(ou: str, *colonnes: str, an: int = annee) -> bool:
        return any(secret_territoires.est_cache(an, ou, col) for col in colonnes)

    def taux(ou):
        # the layer's rate, hidden with its count (rate × the public population would give it back)
        v = taux_par_territoire.at[ou, "jeunes_pour_1000_hab"]
        return secret.SECRET if pd.isna(v) else formats.nombre(v, 1)

    def evolution(ou, d, cle):
        prec = d[f"{cle}_annee_precedente"]
        if not prec or secret.est_primaire(prec) or secret.est_primaire(d[cle]) \
                or cache(ou, cle) or cache(ou, cle, an=annee - 1) or not perimetre.evolution_comparable(annee):
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
        ("Objectif d'entrées conventionné avec l'État",
         lambda ou, d: "–" if pd.isna(d["objectif_cej"]) else formats.nombre(d["objectif_cej"])),
        ("Taux de réalisation de l'objectif", realisation),
        ("Jeunes entrés en emploi", t("nb_jeunes_emploi")),
        ("Jeunes entrés en alternance", t("nb_jeunes_alternance")),
        ("Jeunes entrés en formation", t("nb_jeunes_formation")),
    ]
    rows = [(lib, f(code, c), f(config.REGION, r)) for lib, f in definitions]
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
    ml = db.requete("coordonnees_missions_locales")
    if code != config.REGION:
        ml = ml[(ml["code_ml"] == code) | (ml["departement"] == code)]
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
    prov_extraits = Provenance.EXTRAITS if c["provenance"] == "extraits" else Provenance.DEMO
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
