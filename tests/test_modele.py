"""The extract model: schemas accept good rows, reject bad ones, and the dictionary documents every column."""
import datetime as dt

import pandas as pd
import pandera.pandas as pa
import pytest

from observatoire import modele

ERREURS = (pa.errors.SchemaError, pa.errors.SchemaErrors)


def _jeune(**kw):
    ligne = dict(id_jeune="J0000001", annee=2022, code_ml="14-CAE", commune="14118", sexe="F", age=19,
                 tranche_age="18-20", niveau="bac", qpv=False, zrr=False, rqth=False,
                 logement="parents_famille", premier_accueil=True, sous_main_justice=False,
                 provenance="démonstration")
    ligne.update(kw)
    return ligne


def test_tables_du_contrat():
    assert list(modele.TABLES) == ["jeunes", "entrees_dispositif", "situations", "objectifs_cej"]
    assert modele.TABLES["jeunes"].noms == [
        "id_jeune", "annee", "code_ml", "commune", "sexe", "age", "tranche_age", "niveau", "qpv", "zrr",
        "rqth", "logement", "premier_accueil", "sous_main_justice", "provenance"]
    assert len(modele.codes_ml()) == 24


def test_schema_jeunes_accepte_et_convertit():
    df = pd.DataFrame([_jeune(), _jeune(id_jeune="J0000002", age=24, tranche_age="24+", logement=None)])
    out = modele.schema("jeunes").validate(df)
    assert str(out["annee"].dtype) == "Int32"
    assert str(out["qpv"].dtype) == "boolean"


@pytest.mark.parametrize("mauvais", [
    {"sexe": "X"}, {"niveau": "licence"}, {"code_ml": "14-XXX"}, {"age": 15}, {"commune": "1411"},
    {"tranche_age": "21-23"},  # age 19 is in 18-20
    {"provenance": "inventée"},
])
def test_schema_jeunes_refuse(mauvais):
    with pytest.raises(ERREURS):
        modele.schema("jeunes").validate(pd.DataFrame([_jeune(**mauvais)]))


def test_schema_refuse_colonne_inconnue_et_doublon():
    with pytest.raises(ERREURS):
        modele.schema("jeunes").validate(pd.DataFrame([_jeune(nir="1234")]))
    with pytest.raises(ERREURS):
        modele.schema("jeunes").validate(pd.DataFrame([_jeune(), _jeune()]))


def test_entrees_dispositif_dates_du_cej():
    s = modele.schema("entrees_dispositif")
    ok = pd.DataFrame([dict(id_jeune="J0000001", annee=2022, code_ml="76-ROU", dispositif="GJ",
                            date_entree=dt.date(2022, 2, 28), provenance="extraits"),
                       dict(id_jeune="J0000002", annee=2022, code_ml="76-ROU", dispositif="CEJ",
                            date_entree=dt.date(2022, 3, 1), provenance="extraits")])
    s.validate(ok)
    for dispositif, date in (("CEJ", dt.date(2022, 2, 28)), ("GJ", dt.date(2022, 3, 1)), ("GJ", dt.date(2021, 5, 1))):
        bad = ok.iloc[:1].assign(dispositif=dispositif, date_entree=date)
        with pytest.raises(ERREURS):
            s.validate(bad)


def test_situations_sous_type_coherent():
    s = modele.schema("situations")
    base = dict(id_jeune="J0000001", annee=2022, code_ml="50-COT", date_debut=dt.date(2022, 6, 1),
                provenance="démonstration")
    s.validate(pd.DataFrame([dict(base, type="emploi", sous_type="interim"),
                             dict(base, type="alternance", sous_type=""),
                             dict(base, type="formation", sous_type="region")]))
    with pytest.raises(ERREURS):
        s.validate(pd.DataFrame([dict(base, type="alternance", sous_type="CDI")]))


def test_dictionnaire_documente_chaque_colonne():
    d = modele.dictionnaire()
    attendu = sum(len(t.colonnes) for t in modele.TABLES.values())
    assert len(d) == attendu
    assert (d["Définition"].str.len() > 20).all()
    sexe = d[(d["Table"] == "jeunes") & (d["Colonne"] == "sexe")].iloc[0]
    assert "INCERTAIN" in sexe["Définition"]
    assert sexe["Valeurs permises"] == "'F' | 'H'"
    # every coded column has a French label for each of its values
    for col in ("sexe", "tranche_age", "niveau", "logement", "dispositif", "type"):
        valeurs = next(c.valeurs for t in modele.TABLES.values() for c in t.colonnes if c.nom == col)
        assert set(valeurs) <= set(modele.LIBELLES[col])


def test_tranche_de_age():
    assert [modele.tranche_de_age(a) for a in (16, 17, 18, 20, 21, 23, 24, 29)] == [
        "16-17", "16-17", "18-20", "18-20", "21-23", "21-23", "24+", "24+"]


def test_tranches_de_ages_vectorise():
    ages = pd.Series([16, 17, 18, 20, 21, 23, 24, 29], dtype="Int32")
    assert modele.tranches_de_ages(ages).tolist() == [modele.tranche_de_age(int(a)) for a in ages]
