"""Demonstration extracts: every published regional figure they can reproduce comes back exactly through
the app's own queries; the generator is deterministic, valid against the model, and plausible locally."""
import csv
import shutil
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from observatoire import config, db, demo, modele
from observatoire.publies import Correspondance, correspondances, recalculables

TOUTES_ML = list(modele.codes_ml())
# Which query, row and column give each published figure back: data/sources/correspondances.csv.
CORRESPONDANCES = correspondances()
REPRODUITS = recalculables()
VARIATIONS = {i: c for i, c in CORRESPONDANCES.items() if c.calcul.startswith("evolution_")}


def _publies() -> dict[str, dict]:
    with open(config.SOURCES_DIR / "indicateurs_publies.csv", encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def _arrondi(x: float, texte_publie: str) -> Decimal:
    """x at the precision the report prints (as many decimals as the published text), half up."""
    decimales = len(texte_publie.split(".")[1]) if "." in texte_publie else 0
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def _valeur(c: Correspondance, annee: int) -> float:
    df = db.requete(c.requete, annee=annee, codes_ml=TOUTES_ML)
    for k, v in c.filtre:
        df = df[df[k] == v]
    assert len(df) == 1, (c, df)
    assert (df.iloc[0].get("provenance", demo.PROVENANCE) == demo.PROVENANCE
            or c.requete == "chiffres_regionaux_extraits")
    return float(df.iloc[0][c.colonne])


def _comparer(id_: str, calcule: float, publie: dict) -> None:
    texte = publie["valeur"]
    if publie["unite"] == "%" or "." in texte:
        assert _arrondi(calcule, texte) == Decimal(texte), f"{id_}: {calcule} ne redonne pas {texte}"
    else:
        assert calcule == float(texte), f"{id_}: {calcule} au lieu de {texte}"


@pytest.fixture(scope="module")
def publies():
    return _publies()


@pytest.mark.parametrize("id_", sorted(REPRODUITS))
def test_chiffre_publie_reproduit(id_, publies):
    if id_ not in publies:
        pytest.fail(f"{id_} n'est plus dans indicateurs_publies.csv : mettre à jour data/sources/correspondances.csv")
    _comparer(id_, _valeur(REPRODUITS[id_], int(publies[id_]["annee"])), publies[id_])


@pytest.mark.parametrize("id_", sorted(VARIATIONS))
def test_variation_publiee_reproduite(id_, publies):
    c = VARIATIONS[id_]
    annee = int(publies[id_]["annee"])
    avant, apres = (_valeur(c, a) for a in (annee - 1, annee))
    calcule = 100 * (apres / avant - 1) if c.calcul == "evolution_pct" else apres - avant
    _comparer(id_, calcule, publies[id_])


def test_aucun_chiffre_reproductible_oublie(publies):
    """Every id of the themes the extracts cover is either reproduced or listed as out of reach (calcul
    'hors_extraits', with the reason: kept in the table so that the choice is visible)."""
    couverts = set(CORRESPONDANCES)
    candidats = {i for i, r in publies.items()
                 if r["theme"] in ("publics", "logement", "justice", "handicap")
                 and r["unite"] in ("jeunes", "%") and not i.startswith("publics_entretiens")}
    manquants = sorted(candidats - couverts - {"handicap_age_limite_cej"})
    assert not manquants, f"chiffres publiés non reliés aux extraits : {manquants}"


def test_correspondances_bien_formees(publies):
    """Every row names a published figure and a query of queries/; the lookups by cell are unambiguous."""
    assert set(CORRESPONDANCES) <= set(publies)
    requetes = {p.stem for p in config.QUERIES_DIR.glob("*.sql")}
    assert {c.requete for c in CORRESPONDANCES.values() if c.requete} <= requetes
    cles = [(c.requete, c.filtre, c.colonne, publies[i]["annee"]) for i, c in REPRODUITS.items()
            if c.requete != "chiffres_regionaux_extraits"]
    assert len(cles) == len(set(cles))


# --- the files -------------------------------------------------------------------------------------

def test_fichiers_ecrits_et_valides():
    for chemin in demo.chemins(config.DEMO_DIR):
        assert chemin.exists(), chemin
        table = chemin.parent.name
        df = pd.read_parquet(chemin)
        modele.schema(table).validate(df)
        assert (df["provenance"] == "démonstration").all()
        assert chemin.stat().st_size < 400_000  # small files
    tables = db.tables_disponibles()
    assert {"jeunes", "entrees_dispositif", "situations", "objectifs_cej"} <= tables


@pytest.fixture(scope="module")
def generees():
    communes, ml_communes = demo._entrees(config.BUILD_DIR)
    return demo.generer(communes, ml_communes)


def test_coherence_entre_tables(generees):
    for annee in demo.ANNEES:
        jeunes = generees["jeunes"][annee]
        ids = set(jeunes["id_jeune"])
        assert set(generees["entrees_dispositif"][annee]["id_jeune"]) <= ids
        assert set(generees["situations"][annee]["id_jeune"]) <= ids
        # one entry per young person; the ML of the event is the young person's
        e = generees["entrees_dispositif"][annee].merge(jeunes[["id_jeune", "code_ml", "age", "rqth"]],
                                                         on="id_jeune", suffixes=("", "_j"))
        assert e["id_jeune"].is_unique
        assert (e["code_ml"] == e["code_ml_j"]).all()
        assert ((e["age"] <= 26) | e["rqth"]).all()  # CEJ and GJ ages
        # every Mission Locale has young people, in proportion to its population (within a factor 2)
        par_ml = jeunes.groupby("code_ml").size()
        assert len(par_ml) == 24 and par_ml.min() > 300
    assert set(generees["entrees_dispositif"][2021]["dispositif"]) == {"GJ"}
    assert generees["objectifs_cej"][2022]["objectif"].sum() == 12_952


def test_geographie_plausible(generees):
    communes = pd.read_parquet(config.BUILD_DIR / "communes.parquet")[["code_commune", "population"]]
    j = generees["jeunes"][2022].merge(communes, left_on="commune", right_on="code_commune")
    assert len(j) == 50_687
    assert j.loc[j["qpv"], "population"].min() >= demo.POPULATION_MIN_QPV
    assert j.loc[j["zrr"], "population"].max() < demo.POPULATION_MAX_ZRR
    # ZRR is a property of the commune: all or none of its young people
    assert (j.groupby("commune")["zrr"].nunique() == 1).all()
    # urban Missions Locales have more QPV, rural ones more ZRR
    parts = j.groupby("code_ml")[["qpv", "zrr"]].mean()
    assert parts.loc["76-HAV", "qpv"] > 0.25 and parts.loc["61-AIG", "qpv"] < 0.1
    assert parts.loc["61-AIG", "zrr"] > parts.loc["76-ROU", "zrr"]
    # local variation exists
    assert parts["qpv"].std() > 0.05
    # ML supported young people track population (Spearman > 0.9)
    pop_ml = (pd.read_parquet(config.BUILD_DIR / "ml_communes.parquet").merge(communes, on="code_commune")
              .groupby("code_ml")["population"].sum())
    jeunes_ml = j.groupby("code_ml").size()
    assert pop_ml.rank().corr(jeunes_ml.rank()) > 0.9


def test_dates_plausibles(generees):
    e = generees["entrees_dispositif"][2022]
    mois = pd.to_datetime(e["date_entree"]).dt.month
    cej = mois[e["dispositif"] == "CEJ"].value_counts()
    assert mois[e["dispositif"] == "GJ"].max() <= 2 and cej.index.min() == 3
    assert cej[8] < cej[7] < cej[9]  # summer dip, autumn peak
    s = generees["situations"][2022]
    alt = pd.to_datetime(s.loc[s["type"] == "alternance", "date_debut"]).dt.month.value_counts()
    assert alt.idxmax() == 9  # alternance starts with the school year


def test_deterministe_et_a_jour(tmp_path):
    """Same bytes on every run; nothing rewritten when nothing changed; rewritten when an input changes."""
    for nom in ("communes.parquet", "ml_communes.parquet"):
        shutil.copy(config.BUILD_DIR / nom, tmp_path / nom)
    ecrits = demo.construire(tmp_path)
    assert sorted(ecrits) == sorted(demo.chemins(tmp_path / "demo"))
    for p in ecrits:
        assert p.read_bytes() == (config.DEMO_DIR / p.relative_to(tmp_path / "demo")).read_bytes()
    assert demo.construire(tmp_path) == []
    communes = pd.read_parquet(tmp_path / "communes.parquet")
    communes.loc[0, "population"] += 1
    communes.to_parquet(tmp_path / "communes.parquet")
    assert len(demo.construire(tmp_path)) == len(ecrits)


def test_entrees_manquantes(tmp_path):
    with pytest.raises(FileNotFoundError, match="communes.parquet"):
        demo.construire(tmp_path)


def test_outils_exacts():
    assert demo.repartir(10, [1, 1, 1]).tolist() == [4, 3, 3]
    assert demo.repartir(12_952, [1, 2, 3]).sum() == 12_952
    import numpy as np
    rng = np.random.default_rng(0)
    idx = demo.choisir(rng, np.array([0, 1, 1, 5, 0, 2.0]), 3)
    assert len(set(idx)) == 3 and not {0, 4} & set(idx)
    with pytest.raises(ValueError):
        demo.choisir(rng, np.array([0, 1.0]), 2)
