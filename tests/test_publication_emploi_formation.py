"""The Emploi & formation page's content, computed without drawing (observatoire/publication/emploi_formation.py):
exact figures and sentences over the demonstration extracts (calibrated on the report)."""
import pytest

from observatoire.publication import emploi_formation as ef
from observatoire.publication import perimetre

N = "\u202f"


@pytest.fixture(scope="module")
def region():
    return ef.par_territoire(perimetre.selection(2022))


@pytest.fixture(scope="module")
def caen():
    return ef.par_territoire(perimetre.selection(2022, "14-CAE"))


def test_cartes_de_la_region_redonnent_les_chiffres_publies(region):
    assert [(v, c) for _, v, c in region.cartes] == [
        (f"20{N}427", f"**40{N}812** contrats hors alternance, dont **38,0{N}%** en intérim"),
        (f"2{N}578", None),
        (f"6{N}651", f"**8{N}086** actions, dont **61,6{N}%** financées par la Région")]
    assert not region.vide


def test_lectures_de_la_region(region):
    assert region.contrats.lecture == (
        f"En Normandie, 38,0{N}% des contrats de travail hors alternance sont des missions d'intérim ; par "
        f"département, la part va de 35,8{N}% (Calvados) à 39,5{N}% (Seine-Maritime).")
    assert region.region.lecture == (
        f"En Normandie, 61,6{N}% des actions de formation sont financées par la Région (trait orange en pointillés) "
        f"; par département, de 54,4{N}% à 66,3{N}%.")
    assert region.mois.lecture == (
        f"En Normandie, c'est en juin que commencent le plus de contrats de travail (4{N}302) ; 2{N}578 contrats en "
        f"alternance et 8{N}086 actions de formation ont débuté dans l'année.")
    assert region.mois.tableau.iloc[-1].tolist() == ["Total", f"40{N}812", f"2{N}578", f"8{N}086", f"51{N}476"]
    assert region.mois.ordre[:3] == ("janv.", "févr.", "mars")


def test_part_financee_par_la_region_face_a_la_normandie(region, caen):
    assert region.libelle_reference == f"Normandie : 62{N}%"
    lignes = region.region.lignes
    assert lignes["territoire"].tolist() == ["Seine-Maritime", "Manche", "Orne", "Calvados", "Eure"]
    assert lignes["etiquette"].tolist() == [f"66{N}%", f"65{N}%", f"59{N}%", f"57{N}%", f"54{N}%"]
    assert lignes["choisi"].all()  # no territory chosen: every bar is the region's
    lignes = caen.region.lignes
    assert lignes["territoire"].tolist() == ["Baie de Seine", "Lisieux Normandie", "Caen la Mer Calvados Centre",
                                             "Bocage au Bessin"]
    assert lignes["choisi"].tolist() == [False, False, True, False]


def test_une_mission_locale(caen):
    libelle, valeur, complement = caen.cartes[0]
    assert libelle == "Jeunes entrés en emploi à la Mission Locale Caen la Mer Calvados Centre"
    assert (valeur, complement) == (f"2{N}309", f"**4{N}501** contrats hors alternance, dont **37,9{N}%** en intérim")


def test_les_chiffres_publies_sont_des_donnees():
    blocs = ef.blocs_publies()
    assert [b.texte for b in blocs if b.genre == "sous_titre"] == [
        "Emploi", "Alternance : deux chiffres publiés, deux périmètres", "Formation",
        "Parrainage et semaine «\u00a01 par 1\u00a0»"]
    pourquoi = next(b.texte for b in blocs if b.texte.startswith("**Pourquoi deux chiffres ?**"))
    assert "l'écart de 68 jeunes" in pourquoi
    assert len(ef.ids_dans_les_cartes(blocs)) == 23
