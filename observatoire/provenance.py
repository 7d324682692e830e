"""Where every figure comes from. Each figure on screen carries one of these, and says it."""
from __future__ import annotations

from enum import Enum


class Provenance(str, Enum):
    PUBLIE = "publié"          # printed in the activity report, exactly
    DERIVE = "dérivé"          # computed from published figures, formula shown
    EXTRAITS = "extraits"      # computed from imported extracts of the information system
    DEMO = "démonstration"     # computed from the built-in demonstration extracts: not real

    @property
    def libelle(self) -> str:
        return {
            Provenance.PUBLIE: "publié (rapport 2022)",
            Provenance.DERIVE: "dérivé de chiffres publiés",
            Provenance.EXTRAITS: "calculé sur extraits",
            Provenance.DEMO: "démonstration",
        }[self]

    @property
    def couleur(self) -> str:
        # Streamlit badge colours; demonstration stands out in orange on purpose.
        return {
            Provenance.PUBLIE: "blue",
            Provenance.DERIVE: "violet",
            Provenance.EXTRAITS: "green",
            Provenance.DEMO: "orange",
        }[self]

    @property
    def icone(self) -> str:
        return {
            Provenance.PUBLIE: ":material/menu_book:",
            Provenance.DERIVE: ":material/calculate:",
            Provenance.EXTRAITS: ":material/database:",
            Provenance.DEMO: ":material/science:",
        }[self]


SOURCE_RAPPORT = "ARML Normandie, Rapport d'activité 2022"
AVERTISSEMENT_DEMO = ("Données de démonstration : générées pour montrer ce que l'observatoire sait faire, "
                      "calées sur les totaux régionaux publiés. Elles ne décrivent aucun territoire réel.")
