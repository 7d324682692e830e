"""Ready-to-publish French sentences built from the figures, for the communication team.

For the region and the year of the report, the sentences quote the published figures first (each
with its section); for a department, a Mission Locale or another year they are computed from the
extracts, and when those are demonstration data the sentence itself says so, so that a copied
sentence can never travel without its warning. A count hidden by the year's reference mask of
statistical secrecy (observatoire/secret/territoires.py: under the threshold, or hidden so that it
cannot be recomputed from the counts other pages show) is never put in a sentence, nor a share or a
change that would give it back: the sentence is left out.

French typography: numbers from formats.py (narrow no-break space U+202F as thousands separator
and before %), no-break space before ':' and a narrow one before ';', '!' and '?', « » quotes with
narrow no-break spaces inside.
"""
from __future__ import annotations

from dataclasses import dataclass

from observatoire import config, db, formats, secret
from observatoire.publication import perimetre
from observatoire.secret import territoires as secret_territoires
from observatoire.sorties.tableurs import libelle_territoire
from observatoire.provenance import SOURCE_RAPPORT, Provenance

NBSP = "\u00a0"
NNBSP = formats.NNBSP
MENTION_DEMO = "(données de démonstration)"
SOURCE_EXTRAITS = "Extraits du système d'information des Missions Locales (I-Milo), calcul de l'observatoire"
SOURCE_DEMO = "Données de démonstration de l'observatoire (calées sur les totaux régionaux publiés)"

@dataclass(frozen=True)
class Phrase:
    texte: str
    source: str
    provenance: Provenance
    theme: str


def typographier(texte: str) -> str:
    """No-break space before ':', narrow no-break space before ';!?' and inside « »."""
    for signe in (":", ";", "!", "?"):
        espace = NBSP if signe == ":" else NNBSP
        texte = texte.replace(f" {signe}", f"{espace}{signe}")
    return texte.replace("« ", f"«{NNBSP}").replace(" »", f"{NNBSP}»")


def pour_publication(texte: str) -> str:
    """A sentence ready to paste into a brochure: French spacing and the typographic apostrophe (’)."""
    return typographier(texte).replace("'", "’")


def _ecart(variation_pct: float, annee_precedente: int) -> str:
    """-4.6 -> 'soit 4,6 % de moins qu'en 2021'."""
    if round(variation_pct, 1) == 0:
        return f"autant qu'en {annee_precedente}"
    sens = "de moins" if variation_pct < 0 else "de plus"
    return f"soit {formats.pourcentage(abs(variation_pct), 1)} {sens} qu'en {annee_precedente}"


def _pluriel(n: float, singulier: str, pluriel: str) -> str:
    return singulier if n < 2 else pluriel


# --- the territory, in words -----------------------------------------------------------------------

@dataclass(frozen=True)
class Territoire:
    code: str
    sujet: str          # "La Normandie", "Le Calvados", "La Mission Locale du Cotentin"
    par_les_ml: str     # "par les 24 Missions Locales de Normandie" / "par la Mission Locale du Cotentin"
    dans: str           # "en Normandie" / "dans le Calvados" / "à la Mission Locale du Cotentin"
    niveau: str         # "region", "departement", "mission_locale"
    nom: str = ""       # "Normandie", "Calvados", "Mission Locale du Cotentin"


def territoire(code: str | None, nb_missions_locales: int) -> Territoire:
    code = code or config.REGION
    if code == config.REGION:
        return Territoire(code, "La Normandie", f"par les {nb_missions_locales} Missions Locales de Normandie",
                          "en Normandie", "region", config.REGION)
    if code in perimetre.DEPARTEMENTS_FR:
        d = perimetre.DEPARTEMENTS_FR[code]
        return Territoire(code, d["sujet"][0].upper() + d["sujet"][1:],
                          f"par les {nb_missions_locales} Missions Locales {d['de']}", d["dans"], "departement",
                          d["nom"])
    nom = libelle_territoire(code)
    return Territoire(code, f"La {nom}", f"par la {nom}", f"à la {nom}", "mission_locale", nom)


# --- published sentences (region, year of the report) ----------------------------------------------

def _publies() -> dict:
    from observatoire import publies  # noqa: PLC0415

    return publies.tous()


def _source(*inds) -> str:
    sections = []
    for ind in inds:
        if ind.source not in sections:
            sections.append(ind.source)
    derives = [i for i in inds if i.statut == "dérivé"]
    texte = f"{SOURCE_RAPPORT} – " + " ; ".join(sections)
    if derives:
        texte += " ; dérivé : " + " ; ".join(i.formule for i in derives)
    return texte


def _provenance(*inds) -> Provenance:
    return Provenance.DERIVE if any(i.statut == "dérivé" for i in inds) else Provenance.PUBLIE


def phrases_publiees(annee: int, nb_missions_locales: int = 24) -> list[Phrase]:
    """Sentences quoting the report's figures for the region; a sentence whose figures are missing is left out."""
    p = {k: v for k, v in _publies().items() if v.annee in (annee, annee - 1)}
    sorties: list[Phrase] = []

    def ajouter(theme: str, ids: list[str], fabrique) -> None:
        if all(i in p for i in ids) and p[ids[0]].annee == annee:
            inds = [p[i] for i in ids]
            sorties.append(Phrase(pour_publication(fabrique(*inds)), _source(*inds), _provenance(*inds), theme))

    n = formats.nombre
    ajouter("Publics", ["jeunes_accompagnes", "jeunes_accompagnes_evolution"], lambda j, ev: (
        f"En {annee}, {n(j.valeur)} jeunes ont été accompagnés par les {nb_missions_locales} Missions Locales "
        f"de Normandie, {_ecart(ev.valeur, annee - 1)}."))
    ajouter("Publics", ["premiers_accueils", "premiers_accueils_evolution"], lambda pa, ev: (
        f"En {annee}, {n(pa.valeur)} jeunes ont été reçus pour la première fois par une Mission Locale "
        f"en Normandie, {_ecart(ev.valeur, annee - 1)}."))
    ajouter("Contrat d'Engagement Jeune", ["cej_entrees_total", "cej_objectif", "cej_taux_realisation"],
            lambda t, o, r: (
                f"En {annee}, {n(t.valeur)} jeunes sont entrés en Garantie Jeunes ou en Contrat d'Engagement "
                f"Jeune en Normandie, pour un objectif de {n(o.valeur)} conventionné avec l'État : "
                f"{formats.pourcentage(r.valeur)} de réalisation."))
    ajouter("Contrat d'Engagement Jeune", ["cej_rang_taux_atteinte"], lambda r: (
        f"En {annee}, la Normandie est la première région métropolitaine pour le taux d'atteinte de "
        f"l'objectif du Contrat d'Engagement Jeune." if r.valeur == 1 else
        f"En {annee}, la Normandie est au rang {n(r.valeur)} des régions métropolitaines pour le taux "
        f"d'atteinte de l'objectif du Contrat d'Engagement Jeune."))
    ajouter("Contrat d'Engagement Jeune", ["cej_sorties_emploi_durable"], lambda s: (
        f"Au 31 décembre {annee}, {formats.pourcentage(s.valeur)} des sorties du Contrat d'Engagement Jeune "
        f"étaient liées à un emploi de 6 mois et plus ou à l'alternance."))
    ajouter("Publics", ["publics_nb_sans_diplome", "publics_part_sans_diplome"], lambda nb, part: (
        f"En {annee}, {n(nb.valeur)} jeunes accompagnés par les Missions Locales de Normandie étaient sans "
        f"diplôme, soit {formats.pourcentage(part.valeur)} d'entre eux."))
    ajouter("Publics", ["publics_part_qpv"], lambda q: (
        f"En {annee}, {formats.pourcentage(q.valeur)} des jeunes accompagnés par les Missions Locales de "
        f"Normandie résidaient dans un quartier prioritaire de la politique de la ville."))
    # Alternance is counted within the young people entered in a company ("20 427 jeunes entrés en entreprise,
    # dont … 2 510 en alternance", section Emploi), not beside them.
    ajouter("Emploi & formation", ["emploi_jeunes_entres_entreprise", "emploi_jeunes_alternance",
                                   "formation_observatoire_jeunes"], lambda e, a, f: (
        f"En {annee}, parmi les jeunes accompagnés en Normandie, {n(e.valeur)} sont entrés en entreprise, "
        f"dont {n(a.valeur)} en alternance ; {n(f.valeur)} sont entrés en formation."))
    ajouter("Emploi & formation", ["emploi_jeunes_parraines", "emploi_parraines_sorties_positives"], lambda j, s: (
        f"En {annee}, {n(j.valeur)} jeunes ont été parrainés, avec {formats.pourcentage(s.valeur)} de sorties "
        "positives."))
    ajouter("Logement", ["logement_precaire", "logement_precaire_part"], lambda nb, part: (
        f"En {annee}, {n(nb.valeur)} jeunes accompagnés, soit {formats.pourcentage(part.valeur)}, étaient en "
        f"situation de logement précaire ou complexe."))
    ajouter("Justice", ["justice_jeunes", "justice_part_non_diplomes"], lambda j, d: (
        f"En {annee}, les Missions Locales de Normandie ont accompagné {n(j.valeur)} jeunes placés sous main "
        f"de justice ; {formats.pourcentage(d.valeur)} d'entre eux n'avaient pas de diplôme."))
    ajouter("Handicap", ["handicap_part_rqth", "handicap_part_rqth_2021"], lambda r, r1: (
        f"En {annee}, {formats.pourcentage(r.valeur)} des jeunes accompagnés avaient une reconnaissance de la "
        f"qualité de travailleur handicapé (RQTH), contre {formats.pourcentage(r1.valeur)} en {annee - 1}."))
    return sorties


# --- sentences computed from the extracts -----------------------------------------------------------

def chiffres_territoire(annee: int, code: str) -> dict:
    df = db.requete("chiffres_cles_territoire", annee=int(annee), territoire=str(code))
    return df.iloc[0].to_dict()


def _montrable(n) -> bool:
    return n is not None and not secret.est_primaire(n) and not (isinstance(n, float) and n != n)


def phrases_extraits(annee: int, code: str) -> list[Phrase]:
    c = chiffres_territoire(annee, code)
    if not c["nb_jeunes"]:
        return []
    prov = Provenance.EXTRAITS if c["provenance"] == "extraits" else Provenance.DEMO
    mention = "" if prov is Provenance.EXTRAITS else f" {MENTION_DEMO}"
    source = SOURCE_EXTRAITS if prov is Provenance.EXTRAITS else SOURCE_DEMO
    t = territoire(code, int(c["nb_missions_locales"]))
    region = chiffres_territoire(annee, config.REGION) if t.niveau != "region" else c
    n = formats.nombre
    sorties: list[Phrase] = []

    def visible(*colonnes: str, ou: str = t.code, an: int = annee) -> bool:
        """None of these counts of the territory `ou` is hidden by the year's reference mask
        (observatoire/secret/territoires.py), the same as on every page."""
        return not any(secret_territoires.est_cache(an, ou, col) for col in colonnes)

    def ajouter(theme: str, texte: str, comptes: list, montre: bool = True) -> None:
        if montre and all(_montrable(x) for x in comptes):
            sorties.append(Phrase(pour_publication(texte.rstrip(".") + mention + "."), source, prov, theme))

    def evolution(actuel: str, precedent: str) -> str:
        # A change is only given when last year's count is itself shown (the change would give it back).
        if c[precedent] and _montrable(c[precedent]) and visible(actuel, an=annee - 1) \
                and perimetre.evolution_comparable(annee):
            return f", {_ecart(100 * (c[actuel] - c[precedent]) / c[precedent], annee - 1)}"
        return ""

    ajouter("Publics", f"En {annee}, {n(c['nb_jeunes'])} jeunes ont été accompagnés {t.par_les_ml}"
            f"{evolution('nb_jeunes', 'nb_jeunes_annee_precedente')}.", [c["nb_jeunes"]], visible("nb_jeunes"))
    if t.niveau != "region" and region["nb_jeunes"]:
        ajouter("Publics", f"{t.sujet} rassemble {formats.pourcentage(100 * c['nb_jeunes'] / region['nb_jeunes'], 1)} "
                f"des jeunes accompagnés en Normandie en {annee}.", [c["nb_jeunes"]],
                visible("nb_jeunes") and visible("nb_jeunes", ou=config.REGION))
    if c["nb_premiers_accueils"]:
        ajouter("Publics", f"En {annee}, {n(c['nb_premiers_accueils'])} jeunes ont été reçus pour la première fois "
                f"{t.dans}{evolution('nb_premiers_accueils', 'nb_premiers_accueils_annee_precedente')}.",
                [c["nb_premiers_accueils"]], visible("nb_premiers_accueils"))
    part_sd = 100 * c["nb_sans_diplome"] / c["nb_jeunes"]
    part_sd_region = 100 * region["nb_sans_diplome"] / region["nb_jeunes"]
    comparaison = "" if t.niveau == "region" else f", contre {formats.pourcentage(part_sd_region, 1)} en Normandie"
    ajouter("Publics", f"En {annee}, {formats.pourcentage(part_sd, 1)} des jeunes accompagnés {t.dans} étaient "
            f"sans diplôme{comparaison}.", [c["nb_sans_diplome"]],
            visible("nb_sans_diplome", "nb_jeunes") and visible("nb_sans_diplome", "nb_jeunes", ou=config.REGION))
    entrees = (c["nb_entrees_gj"] or 0) + (c["nb_entrees_cej"] or 0)
    objectif = c["objectif_cej"]
    if entrees and objectif and objectif == objectif:
        ajouter("Contrat d'Engagement Jeune",
                f"En {annee}, {n(entrees)} jeunes sont entrés en Garantie Jeunes ou en Contrat d'Engagement Jeune "
                f"{t.dans}, pour un objectif de {n(objectif)} : {formats.pourcentage(100 * entrees / objectif, 0)} "
                "de réalisation.", [entrees], visible("nb_entrees"))
    elif c["nb_entrees_cej"]:
        ajouter("Contrat d'Engagement Jeune", f"En {annee}, {n(c['nb_entrees_cej'])} jeunes sont entrés en Contrat "
                f"d'Engagement Jeune {t.dans}.", [c["nb_entrees_cej"]], visible("nb_entrees_cej"))
    if c["nb_jeunes_emploi"]:
        ajouter("Emploi & formation", f"En {annee}, parmi les jeunes accompagnés {t.dans}, {n(c['nb_jeunes_emploi'])} "
                f"ont signé un contrat de travail hors alternance, {n(c['nb_jeunes_alternance'])} un contrat en "
                f"alternance et {n(c['nb_jeunes_formation'])} sont entrés en formation (un même jeune peut être "
                "compté dans plusieurs de ces situations).",
                [c["nb_jeunes_emploi"], c["nb_jeunes_alternance"], c["nb_jeunes_formation"]],
                visible("nb_jeunes_emploi", "nb_jeunes_alternance", "nb_jeunes_formation"))
    ajouter("Logement", f"En {annee}, {n(c['nb_logement_precaire'])} jeunes accompagnés {t.dans} étaient en "
            f"situation de logement précaire ou complexe, soit "
            f"{formats.pourcentage(100 * c['nb_logement_precaire'] / c['nb_jeunes'], 1)}.",
            [c["nb_logement_precaire"]], visible("nb_logement_precaire", "nb_jeunes"))
    ajouter("Justice", f"En {annee}, {n(c['nb_sous_main_justice'])} jeunes placés sous main de justice ont été "
            f"accompagnés {t.par_les_ml}.", [c["nb_sous_main_justice"]], visible("nb_sous_main_justice"))
    return sorties


def phrases(annee: int, code: str | None = None) -> list[Phrase]:
    """Published sentences first (region, year of the report), then those computed from the extracts."""
    code = code or config.REGION
    if code == config.REGION:
        publiees = phrases_publiees(int(annee), _nombre_missions_locales())
        if publiees:
            return publiees
    return phrases_extraits(int(annee), code)


def _nombre_missions_locales() -> int:
    df = db.requete("territoires_normandie")
    return int((df["niveau"] == "mission_locale").sum())
