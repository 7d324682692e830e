"""The home page's figures computed on the extracts, without drawing (observatoire/publication/accueil.py): exact
over the demonstration extracts, with the change since the year before and the territory's share."""
from observatoire.publication import accueil, perimetre

N = "\u202f"


def test_region_2022():
    c = accueil.chiffres_extraits(perimetre.selection(2022))
    assert c.demonstration
    jeunes, accueils, entrees = c.cartes
    assert (jeunes.texte, jeunes.delta, jeunes.sens) == (f"50{N}687", f"−4,6{N}% par rapport à 2021", -1)
    assert (accueils.texte, accueils.delta) == (f"18{N}024", f"−12,8{N}% par rapport à 2021")
    assert (entrees.texte, entrees.complement) == (f"13{N}927",
                                                   f"pour un objectif de **12{N}952**, soit **108{N}%** de réalisation")
    assert c.profil["Normandie"].tolist() == [f"46,9{N}%", f"50,5{N}%", f"15,5{N}%", f"12{N}%", f"5,2{N}%",
                                              f"14,5{N}%", f"40,3{N}%", f"13,1{N}%"]
    assert c.source_profil == "extraits de démonstration 2022, Normandie"


def test_un_departement_et_sa_part_de_la_region():
    c = accueil.chiffres_extraits(perimetre.selection(2022, "14"))
    assert c.cartes[0].complement == f"soit 19,4{N}% des jeunes accompagnés en Normandie"
    assert list(c.profil.columns) == ["Part des jeunes accompagnés", "Calvados (14)", "Normandie"]
    assert c.profil["Calvados (14)"].tolist()[:2] == [f"48,6{N}%", f"50,8{N}%"]


def test_premiere_annee_sans_evolution():
    c = accueil.chiffres_extraits(perimetre.selection(2021))
    assert [carte.delta for carte in c.cartes] == [None, None, None]
    assert c.cartes[0].texte == f"53{N}131"


def test_chiffres_publies_additionnes():
    assert accueil.somme_gj_cej() == f"1{N}905 + 12{N}022 = 13{N}927 entrées, soit 108{N}% de l'objectif de 12{N}952."
    assert accueil.progression_objectif() == (1.0, f"108{N}% de l'objectif atteint (13{N}927 / 12{N}952)")


def test_evolution_se_tait_quand_un_effectif_est_secret():
    assert accueil.evolution(120, 100, 2021) == (f"+20,0{N}% par rapport à 2021", 1)
    assert accueil.evolution(120, 100, 2021, cache=True) == (None, 0)
    assert accueil.part(5, 100, cache=True) == "secret"
