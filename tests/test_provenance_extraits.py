"""Provenance per extract table and year: importing the young people of a year alone leaves that year's
entries and situations in demonstration, and says so (a badge "calculé sur extraits" on demonstration
entries would be a false figure in front of a board)."""
from __future__ import annotations

from observatoire import formats, ingest
from observatoire.provenance import Provenance
from observatoire.publication import perimetre
from tests.test_ingest import csv_table, lancer


def test_chaque_table_dit_sa_propre_provenance(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path, n=60, annee=2022))
    assert code == ingest.OK, texte
    assert perimetre.provenance_extraits("jeunes", 2022) == Provenance.EXTRAITS
    assert perimetre.provenance_extraits("entrees_dispositif", 2022) == Provenance.DEMO
    assert perimetre.provenance_extraits("situations", 2022) == Provenance.DEMO
    assert perimetre.provenance_extraits("jeunes", 2021) == Provenance.DEMO
    f = perimetre.Filtres(annee=2022, niveau="region", code="Normandie", libelle="Normandie",
                        codes_ml=(), provenance=Provenance.EXTRAITS)
    assert f.provenance_de("entrees_dispositif") == Provenance.DEMO
    assert not f.base_precedente_reelle()      # 2022 real, 2021 demonstration: no real change to show


def test_deux_annees_importees_donnent_une_evolution_reelle(donnees, tmp_path, capsys):
    for annee in (2022, 2023):
        code, texte = lancer(capsys, csv_table(tmp_path, n=40 + annee % 10, annee=annee, nom=f"j{annee}.csv"))
        assert code == ingest.OK, texte
    f = perimetre.Filtres(annee=2023, niveau="region", code="Normandie", libelle="Normandie",
                        codes_ml=(), provenance=Provenance.EXTRAITS)
    assert f.base_precedente_reelle()
    assert not f.base_precedente_reelle("situations")


def _cartes(at) -> dict[str, str]:
    """Home-page cards: label -> the card's whole text (value, change, badge, source)."""
    from tests.outils import blocs_visibles

    return {b.cellules[0][0].strip(): b.texte for b in blocs_visibles(at) if b.genre == "carte" and b.cellules}


def test_une_annee_reelle_face_a_une_demonstration_n_affiche_pas_d_evolution_inventee(donnees, tmp_path, capsys):
    from tests.outils import lancer as lancer_app

    code, texte = lancer(capsys, csv_table(tmp_path, n=300, annee=2023))
    assert code == ingest.OK, texte
    # A department: 2022 exists only as demonstration there, so no change is computed.
    at = lancer_app(annee=2023, territoire="14")
    assert not at.exception
    jeunes = next(t for lib, t in _cartes(at).items() if lib.startswith("Jeunes accompagnés"))
    assert "évolution non calculée : 2022 n'existe qu'en données de démonstration" in jeunes
    assert "par rapport à 2022" not in jeunes
    # The region: the change is taken against the published 2022 figure, and says so.
    at = lancer_app(annee=2023)
    jeunes = next(t for lib, t in _cartes(at).items() if lib.startswith("Jeunes accompagnés"))
    attendu = round(100 * (300 - 50687) / 50687, 1)
    assert "par rapport à 2022 (base : 50\u202f687, chiffre publié)" in jeunes
    assert formats.variation(attendu) in jeunes
    # The entries of 2023 do not exist: no count, and no demonstration standing in for them.
    entrees = next(t for lib, t in _cartes(at).items() if lib.startswith("Entrées en Garantie Jeunes"))
    assert "non disponible" in entrees
    assert "aucune entrée en Garantie Jeunes ou en CEJ dans les extraits de 2023" in entrees


def test_les_jeunes_importes_seuls_laissent_les_entrees_en_demonstration(donnees, tmp_path, capsys):
    from tests.outils import lancer as lancer_app, textes

    code, texte = lancer(capsys, csv_table(tmp_path, n=60, annee=2022))
    assert code == ingest.OK, texte
    for page in ("cej.py", "emploi_formation.py"):
        at = lancer_app(page, annee=2022, territoire="14")
        assert not at.exception, page
        assert Provenance.EXTRAITS.libelle not in textes(at), page
        assert any("Données de démonstration" in w.value for w in at.warning), page


def test_phrases_diapositives_et_fiche_taisent_une_evolution_face_a_la_demonstration(donnees, tmp_path, capsys):
    from observatoire.sorties import diapositives, fiche, phrases

    code, texte = lancer(capsys, csv_table(tmp_path, n=300, annee=2023))
    assert code == ingest.OK, texte
    assert not perimetre.evolution_comparable(2023) and perimetre.evolution_comparable(2022)
    textes_phrases = " ".join(p.texte for p in phrases.phrases_extraits(2023, "14"))
    assert "jeunes ont été accompagnés" in textes_phrases and "qu\u2019en 2022" not in textes_phrases
    assert "qu\u2019en 2021" in " ".join(p.texte for p in phrases.phrases_extraits(2022, "14"))  # demo against demo
    assert diapositives._variation(2023, "14", "nb_jeunes") == ""
    assert diapositives._variation(2022, "14", "nb_jeunes") != ""
    lignes = fiche.lignes_comparaison(2023, "14")
    evolution = lignes[lignes.iloc[:, 0] == "Évolution par rapport à 2022"]
    assert len(evolution) == 1 and set(evolution.iloc[0, 1:]) == {"–"}
