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

from observatoire import config, formats, secret
from observatoire.publication import cej, couche, perimetre, referentiel
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
    nom = referentiel.libelle(code)
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

def chiffres_territoire(annee: int, code: str) -> couche.Cellules | None:
    """The territory's figures as the publication layer gives them (a count, or "secret" where the year's
    reference mask hides it); None when the extracts have no such year."""
    return couche.territoire(annee, code)


def _montre(*valeurs) -> bool:
    """Every figure is shown: none hidden by the layer (secret) nor missing (a share of a total of 0)."""
    return all(v is not None and not secret.est_secret(v) for v in valeurs)


def phrases_extraits(annee: int, code: str) -> list[Phrase]:
    c = chiffres_territoire(annee, code)
    if c is None or not c["nb_jeunes"]:
        return []
    prov = Provenance.EXTRAITS if c["provenance"] == "extraits" else Provenance.DEMO
    mention = "" if prov is Provenance.EXTRAITS else f" {MENTION_DEMO}"
    source = SOURCE_EXTRAITS if prov is Provenance.EXTRAITS else SOURCE_DEMO
    t = territoire(code, int(c["nb_missions_locales"]))
    n = formats.nombre
    sorties: list[Phrase] = []

    def ajouter(theme: str, texte, *valeurs) -> None:
        """The sentence `texte()` when every figure it quotes is shown (built only then: a hidden one is not
        a number)."""
        if _montre(*valeurs):
            sorties.append(Phrase(pour_publication(texte().rstrip(".") + mention + "."), source, prov, theme))

    def evolution(colonne: str) -> str:
        # The layer gives no change where last year's count is hidden (the change would give it back).
        v = couche.evolution(annee, t.code, colonne)
        return "" if v is None else f", {_ecart(v, annee - 1)}"

    ajouter("Publics", lambda: f"En {annee}, {n(c['nb_jeunes'])} jeunes ont été accompagnés {t.par_les_ml}"
            f"{evolution('nb_jeunes')}.", c["nb_jeunes"])
    if t.niveau != "region":
        part = couche.part(annee, t.code, "nb_jeunes", code_total=config.REGION)
        ajouter("Publics", lambda: f"{t.sujet} rassemble {formats.pourcentage(part, 1)} des jeunes accompagnés en "
                f"Normandie en {annee}.", part)
    if c["nb_premiers_accueils"]:
        ajouter("Publics", lambda: f"En {annee}, {n(c['nb_premiers_accueils'])} jeunes ont été reçus pour la "
                f"première fois {t.dans}{evolution('nb_premiers_accueils')}.", c["nb_premiers_accueils"])
    _phrase_sans_diplome(annee, t, ajouter)
    _phrase_cej(annee, t, c, ajouter)
    if c["nb_jeunes_emploi"]:
        ajouter("Emploi & formation", lambda: f"En {annee}, parmi les jeunes accompagnés {t.dans}, "
                f"{n(c['nb_jeunes_emploi'])} ont signé un contrat de travail hors alternance, "
                f"{n(c['nb_jeunes_alternance'])} un contrat en alternance et {n(c['nb_jeunes_formation'])} sont "
                "entrés en formation (un même jeune peut être compté dans plusieurs de ces situations).",
                c["nb_jeunes_emploi"], c["nb_jeunes_alternance"], c["nb_jeunes_formation"])
    part_logement = couche.part(annee, t.code, "nb_logement_precaire")
    ajouter("Logement", lambda: f"En {annee}, {n(c['nb_logement_precaire'])} jeunes accompagnés {t.dans} étaient "
            f"en situation de logement précaire ou complexe, soit {formats.pourcentage(part_logement, 1)}.",
            c["nb_logement_precaire"], part_logement)
    ajouter("Justice", lambda: f"En {annee}, {n(c['nb_sous_main_justice'])} jeunes placés sous main de justice ont "
            f"été accompagnés {t.par_les_ml}.", c["nb_sous_main_justice"])
    return sorties


def _phrase_sans_diplome(annee: int, t: Territoire, ajouter) -> None:
    """The share without a diploma, beside the region's: both shown or no sentence."""
    part = couche.part(annee, t.code, "nb_sans_diplome")
    part_region = couche.part(annee, config.REGION, "nb_sans_diplome")

    def texte() -> str:
        comparaison = "" if t.niveau == "region" else f", contre {formats.pourcentage(part_region, 1)} en Normandie"
        return f"En {annee}, {formats.pourcentage(part, 1)} des jeunes accompagnés {t.dans} étaient sans diplôme" \
               f"{comparaison}."

    ajouter("Publics", texte, part, part_region)


def _phrase_cej(annee: int, t: Territoire, c: couche.Cellules, ajouter) -> None:
    """GJ and CEJ entries against the State objective (achievement as publication/cej.py computes it), or the CEJ
    entries alone where the territory has no objective."""
    entrees, objectif = c["nb_entrees"], c["objectif_cej"]
    if entrees and objectif:
        taux = cej.ligne(annee, t.code)["realisation_pct"]
        ajouter("Contrat d'Engagement Jeune",
                lambda: f"En {annee}, {formats.nombre(entrees)} jeunes sont entrés en Garantie Jeunes ou en Contrat "
                f"d'Engagement Jeune {t.dans}, pour un objectif de {formats.nombre(objectif)} : "
                f"{formats.pourcentage(taux, 0)} de réalisation.", entrees)
    elif c["nb_entrees_cej"]:
        ajouter("Contrat d'Engagement Jeune", lambda: f"En {annee}, {formats.nombre(c['nb_entrees_cej'])} jeunes "
                f"sont entrés en Contrat d'Engagement Jeune {t.dans}.", c["nb_entrees_cej"])


def phrases(annee: int, code: str | None = None) -> list[Phrase]:
    """Published sentences first (region, year of the report), then those computed from the extracts."""
    code = code or config.REGION
    if code == config.REGION:
        publiees = phrases_publiees(int(annee), referentiel.nb_missions_locales())
        if publiees:
            return publiees
    return phrases_extraits(int(annee), code)
