"""The Publics accompagnés page's content, computed without drawing (observatoire/publication/publics.py): exact
figures, sentences and provenance over the demonstration extracts."""
import pytest

from observatoire.provenance import Provenance
from observatoire.publication import perimetre, publics

N = "\u202f"


@pytest.fixture(scope="module")
def region():
    return perimetre.selection(2022)


@pytest.fixture(scope="module")
def calvados():
    return perimetre.selection(2022, "14")


def test_age_de_la_region_est_celui_du_rapport(region):
    r = publics.age(region)
    assert r.tableau["Part"].tolist() == [f"8,9{N}%", f"37,7{N}%", f"34,8{N}%", f"18,6{N}%"]
    assert r.tableau["Jeunes accompagnés"].tolist() == [f"4{N}511", f"19{N}109", f"17{N}639", f"9{N}428"]
    assert r.provenance is Provenance.PUBLIE and r.note is None
    assert r.source == "ARML Normandie, Rapport d'activité 2022 – Observatoire"
    assert r.lecture == (f"En Normandie, les 18-20 ans forment la tranche la plus nombreuse des jeunes accompagnés : "
                         f"37,7{N}% ; les mineurs (16-17 ans) en représentent 8,9{N}%.")
    assert set(r.affiches) == {"publics_part_age_16_17", "publics_part_age_18_20", "publics_part_age_21_23",
                               "publics_part_age_24_plus"}


def test_un_departement_a_cote_de_la_region(calvados):
    r = publics.age(calvados)
    assert r.tableau["Territoire"].tolist() == ["Calvados (14)"] * 4 + ["Normandie"] * 4
    assert r.tableau["Part"].tolist()[:4] == [f"8,3{N}%", f"37,4{N}%", f"35,2{N}%", f"19,0{N}%"]
    assert (r.tableau["Provenance"][:4] == "démonstration").all()
    assert r.provenance is Provenance.DEMO
    assert r.note == "Normandie : parts publiées dans le rapport 2022 (Observatoire)"
    assert r.lecture.startswith(f"Dans le Calvados, les 18-20 ans forment la tranche la plus nombreuse des jeunes "
                                f"accompagnés : 37,4{N}%, contre 37,7{N}% en Normandie")


def test_phrases_des_autres_repartitions(region):
    assert publics.niveau(region).lecture == (f"En Normandie, un jeune accompagné sur deux (50,5{N}%) est sans "
                                              f"diplôme ; 6,4{N}% ont un diplôme du supérieur.")
    assert publics.sexe(region).lecture == (f"En Normandie, les hommes sont majoritaires : 53,1{N}% des jeunes "
                                            "accompagnés (appariement incertain, voir la note).")
    assert publics.qpv_zrr(region).lecture == (
        f"En Normandie, 15,5{N}% des jeunes accompagnés vivent dans un quartier prioritaire de la politique de la "
        f"ville et 12,0{N}% dans une zone de revitalisation rurale.")
    assert publics.logement(region).lecture == (
        f"En Normandie, deux jeunes accompagnés sur trois (65,2{N}%) sont hébergés par leurs parents ou leur "
        f"famille ; 14,5{N}% sont en précarité ou en situation complexe.")


def test_rqth_avec_l_annee_precedente_et_l_estimation_derivee(region):
    r = publics.rqth(region)
    assert r.tableau["Année"].tolist() == ["2021", "2022"]
    assert r.tableau["Part des jeunes accompagnés"].tolist() == [f"4,3{N}%", f"5,2{N}%"]
    assert r.lecture == (f"En Normandie, 5,2{N}% des jeunes accompagnés sont reconnus travailleurs handicapés en "
                         f"2022, soit environ 2{N}636 jeunes (estimation dérivée des chiffres publiés : 5,2{N}% × "
                         f"50{N}687), contre 4,3{N}% en 2021.")
    assert {"handicap_part_rqth", "handicap_part_rqth_2021", "jeunes_accompagnes"} <= set(r.affiches)


def test_cartes(region, calvados):
    jeunes, accueils = publics.cartes(region)
    assert jeunes.indicateur.id == "jeunes_accompagnes" and accueils.indicateur.id == "premiers_accueils"
    jeunes, accueils = publics.cartes(calvados)
    assert jeunes.indicateur is None
    assert (jeunes.libelle, jeunes.texte) == ("Jeunes accompagnés en 2022 — Calvados (14)", f"9{N}842")
    assert jeunes.complement == f"Normandie : **50{N}687** (publié (rapport 2022))"
    assert (accueils.texte, accueils.affiches) == (f"3{N}314", ("premiers_accueils",))


def test_annee_sans_chiffre_publie_de_repartition():
    r = publics.age(perimetre.selection(2021))
    assert r.provenance is Provenance.DEMO and not r.affiches
    assert (r.tableau["Provenance"] == "démonstration").all()
