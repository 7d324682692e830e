"""Published figures beside their recomputation on the extracts of the report's year (Sources & méthodes):
the demonstration gives every one of them back; a real import shows where it differs from the report."""
from __future__ import annotations

from observatoire import ingest, recalculs
from tests.outils import lancer as lancer_app
from tests.test_ingest import csv_table, lancer


def test_la_demonstration_retrouve_chaque_chiffre_publie_recalculable():
    df = recalculs.comparaison(2022)
    assert len(df) == 52
    assert (df["Identique"] == "oui").all()
    ligne = df.set_index("Indicateur").loc["Jeunes accompagnés"]
    assert (ligne["Publié"], ligne["Recalculé sur les extraits"]) == ("50\u202f687", "50\u202f687")


def test_un_import_reel_montre_les_ecarts_et_garde_le_secret(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path, n=60, annee=2022))
    assert code == ingest.OK, texte
    df = recalculs.comparaison(2022).set_index("Indicateur")
    ligne = df.loc["Jeunes accompagnés"]
    assert (ligne["Recalculé sur les extraits"], ligne["Identique"]) == ("60", "non")
    # a count of the 60 young people under the threshold is never shown, even beside a published figure
    comptes = df[~df["Publié"].str.endswith("%")]
    for v in comptes["Recalculé sur les extraits"]:
        assert v in ("secret", "–") or int(v.replace("\u202f", "")) == 0 or int(v.replace("\u202f", "")) >= 11, v
    at = lancer_app("sources_methodes.py")
    assert not at.exception
    assert any("Extraits réels de 2022" in m.value for m in at.markdown)
