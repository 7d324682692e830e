"""The figures published in the activity report (data/sources/indicateurs_publies.csv), by id, and how the app's
queries give each back over the extracts (data/sources/correspondances.csv). No streamlit: pages look figures up
through observatoire/vue/publies.py, which also records what they show."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from observatoire import config, db, formats, schemas
from observatoire.provenance import SOURCE_RAPPORT, Provenance

@dataclass(frozen=True)
class Indicateur:
    id: str
    theme: str
    libelle: str
    valeur: float
    unite: str
    annee: int
    perimetre: str
    source: str
    statut: str
    formule: str
    note: str

    @property
    def provenance(self) -> Provenance:
        return Provenance.PUBLIE if self.statut == "publié" else Provenance.DERIVE

    @property
    def texte(self) -> str:
        """The value in French format with its unit where the unit reads as a word ('50 687', '36,8 %')."""
        return formats.valeur(self.valeur, self.unite)

    @property
    def citation(self) -> str:
        """Where it comes from, in one line."""
        base = f"{SOURCE_RAPPORT} – {self.source}"
        if self.statut == "dérivé":
            return f"{base} ; dérivé : {self.formule}"
        return base


def tous() -> dict[str, Indicateur]:
    return dict(_tous(db.version_donnees(), str(config.BUILD_DIR)))


@dataclass(frozen=True)
class Correspondance:
    """How a published figure comes back over the extracts of its year: the row of `requete` that `filtre`
    selects, its `colonne` (`calcul` 'valeur'); the change of that cell since the year before ('evolution_pct',
    'evolution_points'); or why it cannot ('hors_extraits', in `remarque`)."""
    id_publie: str
    calcul: str
    requete: str
    filtre: tuple[tuple[str, str], ...]  # (column, value) pairs, in the table's order
    colonne: str
    remarque: str


FILTRES = ("perimetre", "dimension", "modalite", "mesure")


@lru_cache(maxsize=1)
def correspondances() -> dict[str, Correspondance]:
    """data/sources/correspondances.csv, validated (observatoire/schemas.py), by published id."""
    df = pd.read_csv(config.SOURCES_DIR / "correspondances.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    df = schemas.valider_source("correspondances", df)
    return {r["id_publie"]: Correspondance(r["id_publie"], r["calcul"], r["requete"],
                                           tuple((k, r[k]) for k in FILTRES if r[k]), r["colonne"], r["remarque"])
            for r in df.to_dict("records")}


def recalculables() -> dict[str, Correspondance]:
    """The published figures a cell of a query gives back, by id."""
    return {i: c for i, c in correspondances().items() if c.calcul == "valeur"}


def publie_de(requete: str, colonne: str, annee: int, **filtre: str) -> Indicateur | None:
    """The published figure of `annee` that the cell (`requete`, row `filtre`, `colonne`) gives back, if any."""
    voulu = tuple(sorted(filtre.items()))
    tout = tous()
    ids = [c.id_publie for c in recalculables().values()
           if (c.requete, c.colonne, tuple(sorted(c.filtre))) == (requete, colonne, voulu)
           and c.id_publie in tout and tout[c.id_publie].annee == annee]
    if len(ids) > 1:
        raise ValueError(f"plusieurs chiffres publiés pour {requete}.{colonne} {filtre} en {annee} : {ids}")
    return tout[ids[0]] if ids else None


@lru_cache(maxsize=4)
def _tous(version: str, build_dir: str) -> dict[str, Indicateur]:
    # Built once per data version (Indicateur is frozen): pages ask for dozens of figures per run, and
    # rebuilding the 248 of them each time was a fifth of the Publics page's server time (bench.pages).
    df = db.requete("indicateurs_publies")
    return {r["id"]: Indicateur(**{k: r[k] for k in Indicateur.__dataclass_fields__})
            for r in df.to_dict("records")}


def appariements_incertains() -> list[Indicateur]:
    """Figures whose label–value pairing the report's text extraction leaves uncertain (flagged in `note`)."""
    return [i for i in tous().values() if i.note.lower().startswith("appariement incertain")]
