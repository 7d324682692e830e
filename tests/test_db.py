"""The query runner: bound parameters only, exact parameter sets, the database locked down."""
import duckdb
import pytest

from observatoire import db


def test_requete_des_indicateurs_publies():
    df = db.requete("indicateurs_publies")
    ligne = df.set_index("id").loc["jeunes_accompagnes"]
    assert ligne["valeur"] == 50687
    assert ligne["unite"] == "jeunes"


def test_requete_inconnue():
    with pytest.raises(db.RequeteInconnue):
        db.requete("n_existe_pas")


def test_le_sql_ne_peut_pas_lire_hors_des_donnees(tmp_path):
    from observatoire import config

    con = db._connecter(config.BUILD_DIR)
    with pytest.raises(duckdb.Error):
        con.execute("select * from read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
