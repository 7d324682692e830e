"""Chiffres clés (the home page): the key figures of a year and a territory computed on the extracts, each with
its change since the year before and its provenance, read on the publication layer (couche.py: protected by the
year's reference mask); drawn by pages/chiffres_cles.py, beside the report's published figures."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire import config, formats, secret
from observatoire.provenance import Provenance
from observatoire.publication import couche, perimetre
from observatoire.publication.perimetre import Filtres
from observatoire.publies import publie_de, tous

PROFIL = [("Femmes", "nb_femmes"), ("Sans diplôme", "nb_sans_diplome"), ("Résidant en QPV", "nb_qpv"),
          ("Résidant en ZRR", "nb_zrr"), ("Reconnus travailleurs handicapés (RQTH)", "nb_rqth"),
          ("En logement précaire", "nb_logement_precaire"), ("Entrés en emploi", "nb_jeunes_emploi"),
          ("Entrés en formation", "nb_jeunes_formation")]


@dataclass(frozen=True)
class Carte:
    libelle: str
    texte: str
    provenance: Provenance
    source: str
    delta: str | None = None
    sens: int = 0               # +1 rise, −1 fall, 0 neither (or not said)
    complement: str | None = None


@dataclass(frozen=True)
class ChiffresExtraits:
    """What the home page shows from the extracts for a year and a territory."""
    demonstration: bool          # one of the tables is the demonstration's: the page says so
    cartes: list[Carte]
    profil: pd.DataFrame         # shares of the young people supported, the territory beside the region
    provenance_profil: Provenance
    source_profil: str
    note_profil: str


def evolution(actuel, precedent, annee_precedente: int, cache: bool = False) -> tuple[str | None, int]:
    """The change since last year; `cache`: this year's or last year's count is hidden (with the change, one
    gives the other back)."""
    if cache or not precedent or not actuel or secret.est_primaire(actuel) or secret.est_primaire(precedent):
        return None, 0
    return _formule(round(100 * float(actuel - precedent) / float(precedent), 1), annee_precedente)


def _formule(v: float | None, annee_precedente: int) -> tuple[str | None, int]:
    if v is None:
        return None, 0
    v = round(v, 1)
    return f"{formats.variation(v)} par rapport à {annee_precedente}", int(v > 0) - int(v < 0)


def part(n, total, cache: bool = False) -> str:
    if cache or secret.est_primaire(n) or secret.est_primaire(total):
        return formats.SECRET
    if not total:
        return "–"
    return formats.pourcentage(round(100 * n / total, 1))


def _part_texte(v) -> str:
    """A share of the layer (couche.part: a float, secret.SECRET, or None for a total of 0) in words."""
    if v == secret.SECRET:
        return formats.SECRET
    return "–" if v is None else formats.pourcentage(round(v, 1))


def source_de(f: Filtres, p: Provenance) -> str:
    return f"extraits {'de démonstration' if p is Provenance.DEMO else 'I-Milo'} {f.annee}, {f.libelle}"


def _evolution_de(f: Filtres, code: str, t: dict, colonne: str) -> tuple[str | None, int]:
    if not perimetre.evolution_comparable(f.annee):
        # A real year against a demonstration one would be a made-up change. The region's year of the report
        # has its published figure (the demonstration equals it): the change is taken against that
        # (data/sources/correspondances.csv says which published figure a count stands for).
        base = (publie_de("publics_effectifs", colonne, f.annee - 1, perimetre="region")
                if f.est_region and f.annee - 1 == config.ANNEE_RAPPORT else None)
        if base is None:
            return f"évolution non calculée : {f.annee - 1} n'existe qu'en données de démonstration", 0
        avant = couche.territoire(f.annee - 1, code)
        cache = t[colonne] == secret.SECRET or (avant is not None and avant[colonne] == secret.SECRET)
        delta, sens = evolution(t[colonne], base.valeur, f.annee - 1, cache)
        return (f"{delta} (base : {base.texte}, chiffre publié)" if delta else None), sens
    return _formule(couche.evolution(f.annee, code, colonne), f.annee - 1)


def _carte_entrees(f: Filtres, code: str, t: dict, prov: Provenance, prov_entrees: Provenance) -> Carte:
    libelle = "Entrées en Garantie Jeunes et CEJ"
    if not perimetre.table_presente("entrees_dispositif", f.annee):
        # a year imported without its entries: nothing to count, and no demonstration to stand in
        return Carte(libelle, "non disponible", prov, source_de(f, prov),
                     complement=f"aucune entrée en Garantie Jeunes ou en CEJ dans les extraits de {f.annee}")
    entrees, objectif = t["nb_entrees"], t["objectif_cej"]
    complement = None
    if objectif:
        # the achievement × the objective shown would give hidden entries back
        taux = (formats.SECRET if entrees == secret.SECRET
                else formats.pourcentage(round(100 * entrees / objectif)))
        complement = f"pour un objectif de **{formats.nombre(objectif)}**, soit **{taux}** de réalisation"
    return Carte(libelle, _compte(entrees), prov_entrees, source_de(f, prov_entrees), complement=complement)


def _compte(v) -> str:
    """A count of the layer in words: 50 687, or « secret »."""
    return formats.SECRET if v == secret.SECRET else formats.nombre(v)


def chiffres_extraits(f: Filtres) -> ChiffresExtraits:
    """The key figures of the selection's year and territory, read on the publication layer."""
    code = config.REGION if f.est_region else f.code
    t = couche.territoire(f.annee, code)
    # Each card says where its own table comes from: young people may be imported while the entries or the
    # situations of the year are still the demonstration's.
    prov, prov_entrees = f.provenance_de("jeunes"), f.provenance_de("entrees_dispositif")
    prov_profil = f.sur_tables("jeunes", "situations").provenance
    source = source_de(f, prov)
    part_region = _part_texte(couche.part(f.annee, code, "nb_jeunes", code_total=config.REGION))
    cartes = [
        Carte("Jeunes accompagnés", _compte(t["nb_jeunes"]), prov, source, *_evolution_de(f, code, t, "nb_jeunes"),
              complement=None if f.est_region else f"soit {part_region} des jeunes accompagnés en Normandie"),
        Carte("Jeunes en premier accueil", _compte(t["nb_premiers_accueils"]), prov, source,
              *_evolution_de(f, code, t, "nb_premiers_accueils")),
        _carte_entrees(f, code, t, prov, prov_entrees),
    ]
    colonnes = {"Part des jeunes accompagnés": [lib for lib, _ in PROFIL]}
    if not f.est_region:  # the region's column is named "Normandie": a territory column would collide with it
        colonnes[f.libelle] = [_part_texte(couche.part(f.annee, code, c)) for _, c in PROFIL]
    colonnes["Normandie"] = [_part_texte(couche.part(f.annee, config.REGION, c)) for _, c in PROFIL]
    note = (f"parts calculées sur les jeunes accompagnés de l'année ; effectifs de moins de {secret.seuil_actif()} "
            "jeunes masqués (secret statistique)")
    return ChiffresExtraits(Provenance.DEMO in (prov, prov_entrees, prov_profil), cartes, pd.DataFrame(colonnes),
                            prov_profil, source_de(f, prov_profil), note)


def somme_gj_cej() -> str:
    """The report's two kinds of entries added up against the one objective, from the published figures."""
    p = tous()
    gj, cej, objectif = p["cej_entrees_gj"], p["cej_entrees_cej"], p["cej_objectif"]
    return (f"{gj.texte} + {cej.texte} = {formats.nombre(gj.valeur + cej.valeur)} entrées, "
            f"soit {formats.pourcentage(round(100 * (gj.valeur + cej.valeur) / objectif.valeur))} "
            f"de l'objectif de {objectif.texte}.")


def progression_objectif() -> tuple[float, str]:
    """The published entries against the State's objective: the bar's fill (at most full) and its words."""
    p = tous()
    total, objectif, taux = p["cej_entrees_total"], p["cej_objectif"], p["cej_taux_realisation"]
    return (min(total.valeur / objectif.valeur, 1.0),
            f"{taux.texte} de l'objectif atteint ({total.texte} / {objectif.texte})")
