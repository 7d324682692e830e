"""The Territoires page's content, computed without drawing (observatoire/publication/territoires.py): the map's
values, a territory's sheet and headline figures, exact over the demonstration extracts."""
import pytest

from observatoire.provenance import Provenance
from observatoire.publication import territoires as terr
from observatoire.vue import cartes

N = "\u202f"


@pytest.fixture(scope="module")
def departements():
    sources = terr.sources_disponibles()
    return terr.carte("departement", 2022, sources, terr.par_colonne()["nb_jeunes"], cartes.noms("departement"))


def test_valeurs_de_la_carte(departements):
    v = departements.valeurs
    assert v["code"].tolist() == ["14", "27", "50", "61", "76"]
    assert v["texte"].tolist() == [f"9{N}842", f"9{N}787", f"7{N}606", f"4{N}387", f"19{N}065"]
    assert departements.provenances == {"jeunes": Provenance.DEMO, "cej": Provenance.DEMO}
    assert terr.provenance_des_extraits(departements) is Provenance.DEMO


def test_fiche_d_un_departement(departements):
    fiche = terr.fiche(departements, "14", "Calvados").set_index("Indicateur")
    assert fiche.loc["Jeunes accompagnés"].tolist() == [f"9{N}842", f"50{N}687", "2ᵉ sur 5", "démonstration"]
    assert fiche.loc["Part des jeunes ayant une RQTH"].tolist() == [f"6,2{N}%", f"5,2{N}%", "1ᵉʳ sur 5",
                                                                    "démonstration"]
    assert fiche.loc["Population municipale 2017 (INSEE)", "Provenance"] == "INSEE 2017 (donnée publique)"
    libelle, valeur, _, source, complement = terr.cartes_fiche(departements, "14", 2022)[2]
    assert (libelle, valeur) == ("Réalisation de l'objectif d'entrées (GJ + CEJ)", f"111,5{N}%")
    assert (source, complement) == ("extraits 2022 (démonstration)", f"Normandie : **107,5{N}%** — rang **1** sur 5")


def test_un_code_dit_son_decoupage():
    assert terr.selection_de_code("14") == {"niveau": "departement", "code": "14"}
    assert terr.selection_de_code("14-CAE") == {"niveau": "mission_locale", "code": "14-CAE"}
    assert terr.selection_de_code("Normandie") is None and terr.selection_de_code(None) is None
