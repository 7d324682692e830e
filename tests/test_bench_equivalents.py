"""The pandas equivalents of the benchmark (bench/equivalents_pandas.py): every query of queries/*.sql has one,
and it returns exactly what the SQL returns (bench.queries.memes_resultats), the SQL being run through the
app's runner without its cache, on three small data sets:
  - the synthetic national extracts of tests/test_bench_generateur.py (30 Missions Locales, 2 years);
  - the app's demonstration data (config.BUILD_DIR, built by the session fixture of tests/conftest.py);
  - a copy of the synthetic extracts with the awkward cases real extracts have: young people with situations
    or entries in several Missions Locales (the derived table `parcours` counts them apart), young people
    unknown to `jeunes`, optional columns left empty, a Mission Locale without any row, one without objective.
Each query runs with the bench's typical parameters and, when it has some, with a variant (the previous
year, a department, two Missions Locales, the department level)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bench import national
from bench.equivalents_pandas import EQUIVALENTS_PANDAS
from bench.queries import charger_pandas, memes_resultats, parametres_types
from observatoire import config, db
from tests.test_bench_generateur import PETIT

NOMS = sorted(p.stem for p in config.QUERIES_DIR.glob("*.sql"))
ANNEE = 2022
VARIANTE = {"annee": ANNEE - 1, "territoire": "14", "codes_ml": ["14-CAE", "76-ROU"], "niveau": "departement"}
CAS = [pytest.param(nom, False, id=nom) for nom in NOMS] + [
    pytest.param(nom, True, id=f"{nom}-variante") for nom in NOMS if VARIANTE.keys() & db.parametres_requete(nom)]


def cas_limites(source: Path, dossier: Path) -> Path:
    """A copy of the synthetic data set `source` whose year ANNEE has the awkward cases; returns its build dir."""
    shutil.copytree(source / "build", dossier / "build")
    shutil.copytree(source / "extraits", dossier / "extraits")
    fichiers = {t: dossier / "extraits" / t / f"annee={ANNEE}.parquet"
                for t in ("jeunes", "entrees_dispositif", "situations", "objectifs_cej")}
    j, e, s, o = (pd.read_parquet(f) for f in fichiers.values())
    # a Mission Locale without any row this year (a true 0 wherever every territory is a row), one without objective
    j, e, s, o = (x[x["code_ml"] != "ML030"] for x in (j, e, s, o))
    o = o[o["code_ml"] != "14-BSE"]
    # optional columns left empty
    j = j.astype({"age": "Int32", "sous_main_justice": "boolean"})
    j.loc[j.index[:40], "age"] = None
    j.loc[j.index[20:60], "sous_main_justice"] = None
    j.loc[j.index[40:80], "logement"] = None
    # situations of young people of Caen in another Mission Locale: the same department, another one, a training
    # action only there; and one of a young person unknown to `jeunes` this year
    caen = s[(s["code_ml"] == "14-CAE") & (s["type"] == "emploi")].drop_duplicates("id_jeune")
    s = pd.concat([s, caen.iloc[:5].assign(code_ml="14-BSE"), caen.iloc[5:12].assign(code_ml="76-ROU"),
                   caen.iloc[12:15].assign(code_ml="ML025", type="formation", sous_type="region"),
                   caen.iloc[:1].assign(id_jeune="INCONNU-1", code_ml="50-SLC")], ignore_index=True)
    # young people entered in two Missions Locales (GJ in one, CEJ on 1 March in another), one unknown to `jeunes`
    rouen = e[e["code_ml"] == "76-ROU"].drop_duplicates("id_jeune")
    gj_caen = e[(e["code_ml"] == "14-CAE") & (e["dispositif"] == "GJ")].drop_duplicates("id_jeune")
    e = pd.concat([e, rouen.iloc[:6].assign(code_ml="14-CAE"),
                   gj_caen.iloc[:4].assign(code_ml="27-EVR", dispositif="CEJ", date_entree=dt.date(ANNEE, 3, 1)),
                   rouen.iloc[:1].assign(id_jeune="INCONNU-2", code_ml="61-ALE")], ignore_index=True)
    for df, f in zip((j, e, s, o), fichiers.values()):
        df.to_parquet(f, index=False)
    return dossier / "build"


@pytest.fixture(scope="module")
def dossier_national(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("national")
    national.generer(dossier, PETIT)
    return dossier


@pytest.fixture(scope="module", params=["national", "demonstration", "cas_limites"])
def jeu(request, tmp_path_factory):
    """(build dir, data version, the tables loaded once the pandas way) of one data set."""
    if request.param == "demonstration":
        build = config.BUILD_DIR
    elif request.param == "national":
        build = request.getfixturevalue("dossier_national") / "build"
    else:
        build = cas_limites(request.getfixturevalue("dossier_national"), tmp_path_factory.mktemp("cas_limites"))
    return build, db.version_donnees(build), charger_pandas(build)


def parametres(nom: str, d: dict[str, pd.DataFrame], variante: bool) -> dict:
    """The bench's typical parameters of the query (or the variant), naming only territories the data has."""
    params, inconnus = parametres_types(nom)
    assert not inconnus, f"queries/{nom}.sql : pas de valeur type pour {inconnus} (bench/queries.py, VALEURS_TYPES)"
    if variante:
        params.update({k: v for k, v in VARIANTE.items() if k in params})
    ml = d["missions_locales"]
    codes, departements = set(ml["code_ml"]), set(ml["departement"])
    presents = sorted(codes & set(d["jeunes"]["code_ml"]))
    if "code_ml" in params and params["code_ml"] not in codes:
        params["code_ml"] = presents[0]
    if "codes_ml" in params:
        params["codes_ml"] = [c for c in params["codes_ml"] if c in codes] or presents
    if "territoire" in params and params["territoire"] not in codes | departements | {"Normandie"}:
        params["territoire"] = presents[0]
    for cle in ("departement", "code_departement"):
        if cle in params and params[cle] not in departements:
            params[cle] = sorted(departements)[0]
    return params


def test_chaque_requete_a_son_equivalent_pandas():
    manquants = sorted(set(NOMS) - set(EQUIVALENTS_PANDAS))
    assert not manquants, f"requêtes sans équivalent pandas dans bench/equivalents_pandas.py : {manquants}"
    assert not set(EQUIVALENTS_PANDAS) - set(NOMS), "équivalent pandas d'une requête qui n'existe plus"


@pytest.mark.parametrize(("nom", "variante"), CAS)
def test_l_equivalent_pandas_rend_ce_que_rend_le_sql(jeu, nom, variante):
    build, version, d = jeu
    if nom not in EQUIVALENTS_PANDAS:
        pytest.fail(f"pas d'équivalent pandas de queries/{nom}.sql")
    params = parametres(nom, d, variante)
    sql = db._executer(nom, params, version, str(build))
    pdf = EQUIVALENTS_PANDAS[nom](d, **params)
    assert memes_resultats(sql, pdf) == "", f"{nom} {params}"
