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


INTERDITS = {"observatoire.db", "observatoire.secret.territoires"}


def _lectures_interdites(f: Path) -> set[str]:
    """What `f` reads that a channel must not: the queries (observatoire.db, imported or used as `db.`) or the
    reference mask (observatoire.secret.territoires)."""
    imports = _imports(f)
    lus = {i for i in imports if any(i == x or i.startswith(x + ".") for x in INTERDITS)}
    if "observatoire" in imports and re.search(r"\bdb\.", f.read_text(encoding="utf-8")):
        lus.add("observatoire.db")
    return lus


def test_les_canaux_lisent_la_couche_de_publication():
    """A channel (a page, a view component, a file output) never reads the extracts or the derived tables
    (observatoire.db) nor applies the reference mask (observatoire.secret.territoires): it formats what the
    publication layer gives."""
    canaux = [*ROOT.glob("pages/*.py"), *ROOT.glob("observatoire/vue/*.py"), *ROOT.glob("observatoire/sorties/*.py")]
    assert len(canaux) > 30
    fautifs = []
    for f in canaux:
        rel = f.relative_to(ROOT).as_posix()
        lus = _lectures_interdites(f)
        if lus and rel not in PAS_ENCORE_SUR_LA_COUCHE:
            fautifs.append((rel, sorted(lus)))
        elif not lus and rel in PAS_ENCORE_SUR_LA_COUCHE:
            fautifs.append((rel, "déjà sur la couche : à retirer de PAS_ENCORE_SUR_LA_COUCHE"))
    assert not fautifs, fautifs


@pytest.mark.parametrize("source", [
    "from observatoire import db\n",
    "from observatoire import config, db, formats\n",
    "import observatoire.db\n",
    "def f():\n    from observatoire import db  # noqa\n    return db.requete('x')\n",
    "from observatoire.secret import territoires as secret_territoires\n",
    "from observatoire.secret.territoires import est_cache\n",
    "import observatoire.secret.territoires\n",
])
def test_la_regle_des_canaux_voit_une_lecture_interdite(tmp_path, source):
    """The rule above would catch a channel going back to the queries or the mask, however it imports them."""
    canal = tmp_path / "canal.py"
    canal.write_text(source, encoding="utf-8")
    assert _lectures_interdites(canal)
    canal.write_text("from observatoire import formats, secret\nfrom observatoire.publication import couche\n",
                     encoding="utf-8")
    assert not _lectures_interdites(canal)


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


# --- one figure, one answer on every file channel ------------------------------------------------------------

def _canaux(code: str) -> tuple[str, dict, pd.Series]:
    """What the key sentences, the slides and the sheet's comparison table print for territory `code`."""
    from observatoire.sorties import diapositives, fiche, phrases  # noqa: PLC0415

    texte = " ".join(p.texte for p in phrases.phrases(ANNEE, code))
    diapos = {d.cle: d for d in diapositives.diapos(ANNEE, code)}
    table = fiche.lignes_comparaison(ANNEE, code).set_index("Indicateur")["Territoire"]
    return texte, diapos, table


@pytest.mark.parametrize("code", ["14", "14-CAE", "76-ROU"])
def test_un_chiffre_est_le_meme_dans_la_phrase_la_diapositive_et_la_fiche(code):
    """The young people and the GJ + CEJ entries of a department and of Missions Locales: the same string, the
    layer's count in French format, in the key sentence, on the slide and in the sheet's table."""
    jeunes = formats.nombre(couche.valeur(ANNEE, code, "nb_jeunes"))
    entrees = formats.nombre(couche.valeur(ANNEE, code, "nb_entrees"))
    texte, diapos, table = _canaux(code)
    assert f"En 2022, {jeunes} jeunes ont été accompagnés" in texte
    assert f"En 2022, {entrees} jeunes sont entrés en Garantie Jeunes ou en Contrat d’Engagement Jeune" in texte
    assert diapos["chiffres"].chiffres[0].valeur == jeunes and jeunes in diapos["chiffres"].titre
    assert diapos["cej"].chiffres[0].valeur == entrees
    assert table["Jeunes accompagnés"] == jeunes
    assert table["Entrées en Garantie Jeunes et CEJ"] == entrees


def test_un_chiffre_cache_par_la_couche_n_est_imprime_par_aucun_canal(monkeypatch):
    """14-BSE at threshold 700: its 592 young people and 176 entries are hidden by the layer; no sentence quotes
    them, the slide and the sheet say « secret », and neither true value is printed anywhere on these channels
    (nor the shares that would give them back)."""
    monkeypatch.setattr(config, "SEUIL_SECRET", 700)
    code = "14-BSE"
    vraies = {col: int(ref.valeur(ANNEE, code, col)) for col in ("nb_jeunes", "nb_entrees")}
    assert vraies == {"nb_jeunes": 592, "nb_entrees": 176}
    assert all(couche.valeur(ANNEE, code, col) == "secret" for col in vraies)
    texte, diapos, table = _canaux(code)
    assert "jeunes ont été accompagnés" not in texte and "entrés en Garantie Jeunes" not in texte
    assert "rassemble" not in texte  # its share of the region's young people
    assert diapos["chiffres"].chiffres[0].valeur == "secret" and diapos["cej"].chiffres[0].valeur == "secret"
    assert table["Jeunes accompagnés"] == "secret" and table["Entrées en Garantie Jeunes et CEJ"] == "secret"
    assert table["Taux de réalisation de l'objectif"] == "secret"
    carte = diapos["carte"].donnees.set_index("Mission Locale")
    assert carte.at["Mission Locale Baie de Seine", "Jeunes accompagnés"] == "secret"
    imprime = [texte, *table]
    for d in diapos.values():
        imprime += [d.titre, d.lecture, *(c.valeur for c in d.chiffres)]
        if d.donnees is not None and d.cle != "carte":  # the map's table lists every Mission Locale by name
            imprime += [str(v) for v in d.donnees.to_numpy().ravel()]
    for v in vraies.values():
        assert not [t for t in imprime if re.search(rf"(?<![\d,{formats.NNBSP}]){v}(?![\d,])", t)], v
