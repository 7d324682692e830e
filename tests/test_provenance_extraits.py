"""Provenance per extract table and year: importing the young people of a year alone leaves that year's
entries and situations in demonstration, and says so (a badge "calculé sur extraits" on demonstration
entries would be a false figure in front of a board)."""
from __future__ import annotations

from observatoire import filtres, ingest
from observatoire.provenance import Provenance
from tests.test_ingest import csv_table, lancer


def test_chaque_table_dit_sa_propre_provenance(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path, n=60, annee=2022))
    assert code == ingest.OK, texte
    assert filtres.provenance_extraits("jeunes", 2022) == Provenance.EXTRAITS
    assert filtres.provenance_extraits("entrees_dispositif", 2022) == Provenance.DEMO
    assert filtres.provenance_extraits("situations", 2022) == Provenance.DEMO
    assert filtres.provenance_extraits("jeunes", 2021) == Provenance.DEMO
    f = filtres.Filtres(annee=2022, niveau="region", code="Normandie", libelle="Normandie",
                        codes_ml=(), provenance=Provenance.EXTRAITS)
    assert f.provenance_de("entrees_dispositif") == Provenance.DEMO
    assert not f.base_precedente_reelle()      # 2022 real, 2021 demonstration: no real change to show


def test_deux_annees_importees_donnent_une_evolution_reelle(donnees, tmp_path, capsys):
    for annee in (2022, 2023):
        code, texte = lancer(capsys, csv_table(tmp_path, n=40 + annee % 10, annee=annee, nom=f"j{annee}.csv"))
        assert code == ingest.OK, texte
    f = filtres.Filtres(annee=2023, niveau="region", code="Normandie", libelle="Normandie",
                        codes_ml=(), provenance=Provenance.EXTRAITS)
    assert f.base_precedente_reelle()
    assert not f.base_precedente_reelle("situations")
