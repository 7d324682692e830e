"""Statistical secrecy: the suppression of small counts (`suppression`) and the one reference mask per year
over every count shown per territory (`territoires`). Callers use the names below; the publication layer
(observatoire/publication/) is the only place that applies the reference mask to what channels show."""
from observatoire.secret.suppression import (
    SECRET,
    TOTAL,
    Ligne,
    appliquer_masque,
    cellules_determinees,
    compte,
    croisement,
    est_primaire,
    est_secret,
    formater,
    masque_territoires,
    masquer,
    masquer_pour_graphique,
    seuil_actif,
    seuil_texte,
    supprimer,
    texte_compte,
)

__all__ = ["SECRET", "TOTAL", "Ligne", "appliquer_masque", "cellules_determinees", "compte", "croisement",
           "est_primaire", "est_secret", "formater", "masque_territoires", "masquer", "masquer_pour_graphique",
           "seuil_actif", "seuil_texte", "supprimer", "texte_compte"]
