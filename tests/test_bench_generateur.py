"""The national-scale generator of the benchmarks (bench/national.py), checked on tiny sizes:
layout the app reads, the extract model, determinism, the proportions of the 2022 report."""
from __future__ import annotations

import hashlib

import duckdb
import pyarrow.parquet as pq
import pytest

from bench import national
from observatoire import db, modele

PETIT = national.Parametres(annees=(2021, 2022), nb_ml=30, jeunes_par_an=20_000)


@pytest.fixture(scope="module")
def extraits(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("national")
    return dossier, national.generer(dossier, PETIT)


def _empreinte(dossier) -> dict[str, str]:
    return {str(p.relative_to(dossier)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((dossier / "extraits").rglob("*.parquet"))}


def test_disposition_lue_par_l_application(extraits):
    dossier, totaux = extraits
    tables = db._tables(dossier / "build")
    for table in modele.TABLES:
        assert tables[table] == [str(dossier / "extraits" / table / f"annee={a}.parquet") for a in PETIT.annees]
    assert {"missions_locales", "communes", "ml_communes", "indicateurs_publies"} <= set(tables)
    con = db._connecter(dossier / "build")
    assert con.execute("select count(*) from jeunes").fetchone()[0] == totaux["jeunes"]
    assert con.execute("select count(distinct code_ml) from jeunes").fetchone()[0] == 30
    # Every synthetic Mission Locale is in the reference table, with its department.
    assert con.execute("select count(*) from jeunes anti join missions_locales using (code_ml)").fetchone()[0] == 0
    assert con.execute("select departement from missions_locales where code_ml = 'ML025'").fetchone() == ("01",)


@pytest.mark.parametrize("table", list(modele.TABLES))
def test_conforme_au_modele_d_extrait(extraits, table):
    dossier, _ = extraits
    fichier = dossier / "extraits" / table / "annee=2022.parquet"
    df = pq.read_table(fichier).to_pandas()
    assert list(df.columns) == modele.TABLES[table].noms
    # The code list of the model is Normandy's: the synthetic codes are the one allowed difference.
    df = df.assign(code_ml=df["code_ml"].where(~df["code_ml"].str.startswith("ML"), modele.codes_ml()[0]))
    if table == "objectifs_cej":
        df = df[~df.duplicated(["annee", "code_ml"])]
    modele.schema(table).validate(df, lazy=True)


def test_deterministe(extraits, tmp_path):
    dossier, totaux = extraits
    assert national.generer(tmp_path, PETIT) == totaux
    assert _empreinte(tmp_path) == _empreinte(dossier)


def test_proportions_du_rapport_2022(extraits):
    dossier, _ = extraits
    ext = dossier / "extraits"

    def un(sql: str, **params):
        with duckdb.connect() as con:
            return con.execute(sql, params).fetchall()[0]

    (jeunes, normandie, premiers) = un(
        "select count(*), count(*) filter (where code_ml not like 'ML%'), avg(premier_accueil::int) "
        "from read_parquet($p)", p=str(ext / "jeunes" / "annee=2022.parquet"))
    assert 0.9 * PETIT.jeunes_par_an < jeunes < 1.1 * PETIT.jeunes_par_an
    # Normandy keeps its share of the national total (50 687 of about 1,1 million).
    assert normandie == pytest.approx(jeunes * 50_687 / 1_100_000, rel=0.15)
    assert premiers == pytest.approx(18_024 / 50_687, abs=0.02)
    entrees, gj_apres_mars, cej_avant_mars = un(
        "select count(*), count(*) filter (where dispositif = 'GJ' and date_entree >= date '2022-03-01'), "
        "count(*) filter (where dispositif = 'CEJ' and date_entree < date '2022-03-01') from read_parquet($p)",
        p=str(ext / "entrees_dispositif" / "annee=2022.parquet"))
    assert entrees / jeunes == pytest.approx(13_927 / 50_687, abs=0.02)
    assert gj_apres_mars == cej_avant_mars == 0
    contrats, alternance, formations, orphelins = un(
        "select count(*) filter (where type = 'emploi'), count(*) filter (where type = 'alternance'), "
        "count(*) filter (where type = 'formation'), "
        "count(*) filter (where id_jeune not in (select id_jeune from read_parquet($j))) from read_parquet($p)",
        p=str(ext / "situations" / "annee=2022.parquet"), j=str(ext / "jeunes" / "annee=2022.parquet"))
    assert contrats / jeunes == pytest.approx(40_812 / 50_687, rel=0.1)
    assert alternance / jeunes == pytest.approx(2_578 / 50_687, rel=0.2)
    assert formations / jeunes == pytest.approx(8_086 / 50_687, rel=0.1)
    assert orphelins == 0


def test_tailles_derivees_du_jeu_complet(tmp_path):
    params = national.Parametres(annees=(2021, 2022), nb_ml=26, jeunes_par_an=5_000)
    region = national.preparer("region_1an", params, racine=tmp_path)
    un_an = national.preparer("national_1an", params, racine=tmp_path)
    assert sorted(p.name for p in (un_an / "extraits" / "jeunes").iterdir()) == ["annee=2022.parquet"]
    assert national.lignes(un_an)["jeunes"] == pq.ParquetFile(
        tmp_path / "national_10ans" / "extraits" / "jeunes" / "annee=2022.parquet").metadata.num_rows
    codes = set(pq.read_table(region / "extraits" / "jeunes" / "annee=2022.parquet")["code_ml"].to_pylist())
    assert codes == set(modele.codes_ml())
    # Prepared once: a second call finds the stamp and writes nothing.
    avant = (region / "generation.json").stat().st_mtime_ns
    assert national.preparer("region_1an", params, racine=tmp_path) == region
    assert (region / "generation.json").stat().st_mtime_ns == avant
