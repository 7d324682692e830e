"""Derived tables (observatoire/derive.py): the queries that read them count exactly what a count(distinct)
over the raw extracts counts — also for young people seen in several Missions Locales the same year —,
and a derived file follows its inputs (an import, a restore) without anyone rebuilding it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from observatoire import config, db, derive

ANNEE = 2022


def executer(build: Path, nom: str, **params) -> pd.DataFrame:
    return db._connecter(build).execute(db.texte_requete(nom),
                                        {k: v for k, v in params.items() if k in db.parametres_requete(nom)}).df()


@pytest.fixture(scope="module")
def build_plusieurs_ml(tmp_path_factory) -> Path:
    """A copy of the demonstration where some young people also have situations in a second Mission Locale,
    of the same department or of another one, some a training action only in the second, and some entered
    the CEJ in two Missions Locales."""
    build = tmp_path_factory.mktemp("derive") / "build"
    shutil.copytree(config.BUILD_DIR, build)
    chemin = build / "demo" / "situations" / f"annee={ANNEE}.parquet"
    s = pd.read_parquet(chemin)
    emploi_caen = s[(s["code_ml"] == "14-CAE") & (s["type"] == "emploi")].drop_duplicates("id_jeune")
    meme_dep = emploi_caen.iloc[:5].assign(code_ml="14-BSE")                      # Caen and Bayeux: 14
    autre_dep = emploi_caen.iloc[5:12].assign(code_ml="76-ROU")                   # Caen and Rouen
    formation = emploi_caen.iloc[12:15].assign(code_ml="50-SLC", type="formation", sous_type="region")
    s = pd.concat([s, meme_dep, autre_dep, formation], ignore_index=True)
    s.to_parquet(chemin, index=False)
    # three young people who entered the CEJ in Caen also entered in Rouen (a move during the year)
    chemin = build / "demo" / "entrees_dispositif" / f"annee={ANNEE}.parquet"
    e = pd.read_parquet(chemin)
    double = e[e["code_ml"] == "14-CAE"].drop_duplicates("id_jeune").iloc[:3].assign(code_ml="76-ROU")
    pd.concat([e, double], ignore_index=True).to_parquet(chemin, index=False)
    return build


def situations_brutes(build: Path) -> pd.DataFrame:
    s = pd.read_parquet(build / "demo" / "situations" / f"annee={ANNEE}.parquet")
    ml = pd.read_parquet(build / "missions_locales.parquet")[["code_ml", "departement"]]
    return s.merge(ml, on="code_ml")


def test_le_jeu_contient_des_jeunes_dans_plusieurs_missions_locales(build_plusieurs_ml):
    p = executer(build_plusieurs_ml, "emploi_formation_par_territoire", annee=ANNEE)
    parcours = db._connecter(build_plusieurs_ml).execute(
        "select count(distinct id_jeune) from parcours where annee = $a and nb_ml > 1", {"a": ANNEE}).fetchone()[0]
    assert parcours >= 15 and len(p) == 30  # 15 with situations in two, up to 3 more with two entries


def test_emploi_formation_compte_chaque_jeune_une_fois_par_territoire(build_plusieurs_ml):
    s = situations_brutes(build_plusieurs_ml)
    res = executer(build_plusieurs_ml, "emploi_formation_par_territoire", annee=ANNEE)
    for _, ligne in res.iterrows():
        if ligne["niveau"] == "region":
            sel = s
        elif ligne["niveau"] == "departement":
            sel = s[s["departement"] == ligne["code"]]
        else:
            sel = s[s["code_ml"] == ligne["code"]]
        for type_, col in (("emploi", "nb_jeunes_emploi"), ("alternance", "nb_jeunes_alternance"),
                           ("formation", "nb_jeunes_formation")):
            assert ligne[col] == sel.loc[sel["type"] == type_, "id_jeune"].nunique(), (ligne["code"], col)
        assert ligne["nb_contrats"] == (sel["type"] == "emploi").sum()
        assert ligne["nb_actions_region"] == ((sel["type"] == "formation") & (sel["sous_type"] == "region")).sum()
    region = res.set_index("code").loc["Normandie"]
    # the 12 young people added elsewhere with a work contract are not counted twice in the region
    assert region["nb_jeunes_emploi"] == 20_427 and region["nb_contrats"] == 40_812 + 12


def test_profil_des_entrants_cej(build_plusieurs_ml):
    """Entrants counted once per young person — also one who entered in two Missions Locales —, their sex and
    QPV from `jeunes`, and a training action that year in any Mission Locale."""
    e = pd.read_parquet(build_plusieurs_ml / "demo" / "entrees_dispositif" / f"annee={ANNEE}.parquet")
    j = pd.read_parquet(build_plusieurs_ml / "demo" / "jeunes" / f"annee={ANNEE}.parquet")
    s = situations_brutes(build_plusieurs_ml)
    entrants = e[["id_jeune", "code_ml"]].drop_duplicates().merge(j[["id_jeune", "sexe", "qpv"]], on="id_jeune",
                                                                  how="left")
    entrants["formation"] = entrants["id_jeune"].isin(s.loc[s["type"] == "formation", "id_jeune"])
    res = executer(build_plusieurs_ml, "cej_profil_entrants_par_territoire", annee=ANNEE).set_index("code")
    for code, sel in (("Normandie", entrants), ("14-CAE", entrants[entrants["code_ml"] == "14-CAE"])):
        sel = sel.drop_duplicates("id_jeune")
        r = res.loc[code]
        assert (r["nb_entrants"], r["nb_femmes"], r["nb_qpv"], r["nb_en_formation"]) == (
            len(sel), (sel["sexe"] == "F").sum(), sel["qpv"].fillna(False).sum(), sel["formation"].sum())


def test_un_fichier_derive_suit_ses_entrees(tmp_path):
    build = tmp_path / "build"
    shutil.copytree(config.BUILD_DIR, build)
    avant = derive.preparer(db._tables(build), build)
    assert set(avant) == set(derive.ENTREES)
    annuelles = [nom for nom in derive.ENTREES if nom != "territoires"]  # territoires: reference tables only
    for nom in annuelles:
        assert [Path(f).name.split("-")[0] for f in avant[nom]] == ["annee=2021", "annee=2022"], nom
    assert len(avant["territoires"]) == 1 and "annee=" not in avant["territoires"][0]
    for nom, fichiers in avant.items():
        assert all(Path(f).parent == tmp_path / "derive" / nom for f in fichiers)
    # an import replaces the 2022 young people: the 2022 files that read them are rebuilt, 2021 is kept
    jeunes = pd.read_parquet(build / "demo" / "jeunes" / f"annee={ANNEE}.parquet")
    importe = tmp_path / "extraits" / "jeunes" / f"annee={ANNEE}.parquet"
    importe.parent.mkdir(parents=True)
    jeunes.iloc[:1000].assign(provenance="extraits").to_parquet(importe, index=False)
    apres = derive.preparer(db._tables(build), build)
    for nom in annuelles:
        assert apres[nom][0] == avant[nom][0] and apres[nom][1] != avant[nom][1], nom
        assert Path(avant[nom][1]).exists()  # another process may still read it for a moment
    assert apres["territoires"] == avant["territoires"]  # its inputs did not change
    con = db._connecter(build)
    assert con.execute("select sum(nb_jeunes), min(provenance) from jeunes_par_ml where annee = 2022").fetchone() \
        == (1000, "extraits")
    assert executer(build, "extraits_annees").set_index("annee").loc[ANNEE, "provenance"] == "extraits"
    # a superseded file is removed once no connection can still be reading it
    vieux = Path(avant["parcours"][1])
    os.utime(vieux, (0, 0))
    derive.preparer(db._tables(build), build)
    assert not vieux.exists() and Path(apres["parcours"][1]).exists()


def test_dossier_de_donnees_en_lecture_seule(tmp_path, monkeypatch):
    build = tmp_path / "build"
    shutil.copytree(config.BUILD_DIR, build)
    monkeypatch.setattr(derive.os, "access", lambda *_: False)
    rep = derive.dossier(build)
    assert rep != tmp_path / "derive" and str(rep).startswith(str(Path(os.environ.get("TMPDIR", "/tmp"))))
    res = executer(build, "extraits_annees")
    assert list(res["annee"]) == [2022, 2021]
    shutil.rmtree(rep, ignore_errors=True)
