"""The figures published in the activity report (data/sources/indicateurs_publies.csv), by id. No streamlit: pages
look figures up through observatoire/vue/publies.py, which also records what they show."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from observatoire import config, db, formats
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
