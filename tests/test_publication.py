"""The publication layer (observatoire/publication/): counts protected once per data version, year and threshold,
stored, and read by the channels; the cases of the adversarial audit of issue 13 kept as regression tests."""
from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from observatoire import config, formats
from observatoire.publication import cej, couche
from observatoire.secret import territoires as ref
from tests.outils import lancer, textes

ROOT = Path(__file__).resolve().parents[1]
ANNEE = 2022


def _codes() -> list[str]:
    return list(cej.realisation(ANNEE)["code"])


# --- the stored layer ----------------------------------------------------------------------------------

def test_la_couche_est_ecrite_une_fois_et_ne_contient_aucune_valeur_cachee(monkeypatch):
    monkeypatch.setattr(config, "SEUIL_SECRET", 60)
    chemin = couche.fichier(ANNEE)
    assert chemin.exists() and "seuil=60" in chemin.name
    assert couche.fichier(ANNEE) == chemin  # same data, same file: not rebuilt
    stocke = pd.read_parquet(chemin).set_index("code")
    table, _ = ref.comptes(ANNEE)
    masque = ref.masque(ANNEE, 60)
    vraies = table.set_index("code")
    for col in masque.columns:
        caches = masque.index[masque[col]]
        assert stocke.loc[caches, col].isna().all(), col            # the true value of a hidden cell is not there
        montres = masque.index[~masque[col]]
        assert (stocke.loc[montres, col] == vraies.loc[montres, col]).all(), col
    assert masque.to_numpy().sum() > 100


def test_une_autre_donnee_donne_un_autre_fichier(donnees):
    avant = couche.fichier(ANNEE)
    fichier_jeunes = next((donnees / "build" / "demo" / "jeunes").glob("annee=2022.parquet"))
    df = pd.read_parquet(fichier_jeunes)
    df.iloc[:-1].to_parquet(fichier_jeunes)  # one young person fewer: a new data version
    ref.vider_cache()
    apres = couche.fichier(ANNEE)
    assert apres != avant and apres.exists()


# --- one calendar, its points cells of the mask ----------------------------------------------------------

@pytest.mark.parametrize("seuil", [11, 60])
def test_audit_1_le_point_du_28_fevrier_est_la_garantie_jeunes(monkeypatch, seuil):
    """The weekly curve's Sundays beside the GJ entries (the cumulative at 28 February) gave a few days' entries
    (110 − 108 = 2): the 28 February point IS the GJ entries, shown or hidden with them, on every territory."""
    monkeypatch.setattr(config, "SEUIL_SECRET", seuil)
    realisation = cej.realisation(ANNEE).set_index("code")
    for code in _codes():
        s = cej.serie(ANNEE, code)
        assert list(s["date"]) == [dt.date(2022, 1, 1)] + [
            (pd.Timestamp(2022, m, 1) + pd.offsets.MonthEnd(0)).date() for m in range(1, 13)]
        fevrier = s.loc[s["date"] == dt.date(2022, 2, 28), "cumul_entrees"].iloc[0]
        gj = realisation.at[code, "nb_entrees_gj"]
        assert (pd.isna(fevrier) and pd.isna(gj)) or fevrier == gj, code
        dernier = s["cumul_entrees"].iloc[-1]
        total = realisation.at[code, "nb_entrees"]
        assert (pd.isna(dernier) and pd.isna(total)) or dernier == total, code


@pytest.mark.parametrize("seuil", [11, 60])
def test_audit_3_un_point_cache_d_une_mission_locale_ne_se_deduit_pas_de_son_departement(monkeypatch, seuil):
    """A Mission Locale's hidden month came back as its department's minus its sister Missions Locales': where a
    Mission Locale's point is hidden, its department's point or another sister's is hidden too."""
    monkeypatch.setattr(config, "SEUIL_SECRET", seuil)
    r = cej.realisation(ANNEE)
    caches_vus = 0
    for dep in r.loc[r["niveau"] == "departement", "code"]:
        mls = list(r.loc[(r["niveau"] == "mission_locale") & (r["departement"] == dep), "code"])
        series = {c: cej.serie(ANNEE, c).set_index("mois")["cumul_entrees"] for c in [dep, *mls]}
        for mois in range(1, 13):
            caches = [c for c in [dep, *mls] if pd.isna(series[c][mois])]
            assert len(caches) != 1, (dep, mois, caches)
            caches_vus += len(caches)
    if seuil == 60:
        assert caches_vus > 0  # the case exists at this threshold


def test_audit_5_une_ventilation_d_un_effectif_cache_est_cachee(monkeypatch):
    """Justice: a hidden count of young people under justice supervision beside "0" minors told that all of them
    were adults. 14-BSE: 7 young people, 0 minors: both hidden, on the page too."""
    monkeypatch.setattr(config, "SEUIL_SECRET", 11)
    assert ref.valeur(ANNEE, "14-BSE", "nb_jsmj") == 7 and ref.valeur(ANNEE, "14-BSE", "nb_jsmj_mineurs") == 0
    for col in ("nb_jsmj", "nb_jsmj_mineurs", "nb_jsmj_majeurs", "nb_jsmj_sans_diplome", "nb_jsmj_diplomes"):
        assert couche.valeur(ANNEE, "14-BSE", col) == "secret", col
    # and in general: no part of a breakdown shown under a hidden total
    table, equations = ref.comptes(ANNEE)
    masque = ref.masque(ANNEE, 11)
    for total, parties in equations:
        if (total, tuple(parties)) in ref._suites():
            continue
        for code in masque.index[masque[total]]:
            assert masque.loc[code, list(parties)].all(), (code, total, parties)


# --- every channel reads the layer ---------------------------------------------------------------------

def _imports(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms = set()
    for n in ast.walk(arbre):
        if isinstance(n, ast.ImportFrom) and n.module:
            noms |= {f"{n.module}.{a.name}" for a in n.names} | {n.module}
        elif isinstance(n, ast.Import):
            noms |= {a.name for a in n.names}
    return noms


# Channels that still compute some of their figures from the queries (observatoire/db.py) or apply the reference
# mask themselves (issue 13): none left. A channel that needs a figure the layer lacks adds it to the layer
# (observatoire/publication/), never lists itself here.
PAS_ENCORE_SUR_LA_COUCHE: set[str] = set()


def test_les_canaux_lisent_la_couche_de_publication():
    """A channel (a page, a view component, a file output) never reads the extracts or the derived tables
    (observatoire.db) nor applies the reference mask (observatoire.secret.territoires): it formats what the
    publication layer gives."""
    interdits = {"observatoire.db", "observatoire.secret.territoires"}
    canaux = [*ROOT.glob("pages/*.py"), *ROOT.glob("observatoire/vue/*.py"), *ROOT.glob("observatoire/sorties/*.py")]
    fautifs = []
    for f in canaux:
        rel = f.relative_to(ROOT).as_posix()
        lus = {i for i in _imports(f) if any(i == x or i.startswith(x + ".") for x in interdits)}
        lus |= {"observatoire.db" for i in _imports(f) if i == "observatoire" and re.search(r"\bdb\.", f.read_text())}
        if lus and rel not in PAS_ENCORE_SUR_LA_COUCHE:
            fautifs.append((rel, sorted(lus)))
        elif not lus and rel in PAS_ENCORE_SUR_LA_COUCHE:
            fautifs.append((rel, "déjà sur la couche : à retirer de PAS_ENCORE_SUR_LA_COUCHE"))
    assert not fautifs, fautifs


def test_un_chiffre_montre_sur_deux_canaux_est_le_meme():
    """The CEJ page and the layer's sentence agree on the region's points and entries (one figure, one answer)."""
    at = lancer("cej.py")
    table = next(d.value for d in at.dataframe if "Entrées cumulées" in d.value.columns)
    s = cej.serie(ANNEE, config.REGION)
    assert list(table["Entrées cumulées"]) == [formats.nombre(v) for v in s["cumul_entrees"]]
    assert cej.lecture_serie(ANNEE, config.REGION, "en Normandie") in textes(at)


def test_le_taux_pour_1000_habitants_a_une_seule_source(monkeypatch):
    """One answer for the rate per 1 000 inhabitants: the layer's count over the INSEE population, hidden with the
    count (rate × population would give it back)."""
    t = couche.jeunes_pour_1000_habitants(ANNEE).set_index("code")
    assert t.at[config.REGION, "population_2017"] == 3_330_478
    assert t.at[config.REGION, "jeunes_pour_1000_hab"] == pytest.approx(1000 * 50_687 / 3_330_478)
    assert t.at["14-CAE", "jeunes_pour_1000_hab"] == pytest.approx(1000 * 6_072 / 451_830)
    monkeypatch.setattr(config, "SEUIL_SECRET", 700)  # 14-BSE: 592 young people, hidden
    cache = couche.jeunes_pour_1000_habitants(ANNEE).set_index("code")
    assert pd.isna(cache.at["14-BSE", "nb_jeunes"]) and pd.isna(cache.at["14-BSE", "jeunes_pour_1000_hab"])
    assert cache.at["14-BSE", "population_2017"] == 36_857
