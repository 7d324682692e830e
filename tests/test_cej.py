"""Contrat d'Engagement Jeune page (AppTest): every published figure of theme 'cej' on screen, the curve
ending at 13 927, the crossing day recomputed with pandas from the extracts, the territory filter,
secrecy, a year without objective, a year in progress with its projections read on the curve's points."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil

import pandas as pd
import pyarrow as pa
import pytest

from observatoire import config, demo, formats, modele, secret
from tests.outils import lancer, textes

PAGE = "cej.py"


# --- helpers ---------------------------------------------------------------------------------------

def publies_du_theme(*themes: str) -> list[dict]:
    with open(config.SOURCES_DIR / "indicateurs_publies.csv", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["theme"] in themes]


def texte_complet(at) -> str:
    """What a reader sees: text elements and the cells of every table."""
    cellules = [str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel()]
    return textes(at) + "\n" + "\n".join(cellules)


def tableau(at, colonne: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if colonne in d.value.columns)


def donnees_graphique(at, indice: int) -> list[pd.DataFrame]:
    """The datasets a Vega-Lite chart was sent with (Arrow IPC in the element's proto)."""
    proto = at.get("vega_lite_chart")[indice].proto
    return [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pandas() for d in proto.datasets]


def extrait(table: str, annee: int, racine=None) -> pd.DataFrame:
    """The file the app reads for a table and year: the imported one if any, else the demonstration one."""
    build = racine or config.BUILD_DIR
    for dossier in (build.parent / "extraits", build / "demo"):
        chemin = dossier / table / f"annee={annee}.parquet"
        if chemin.exists():
            return pd.read_parquet(chemin)
    raise FileNotFoundError(table)


def franchissement(codes_ml: set[str] | None, annee: int = 2022) -> tuple[dt.date, int, int]:
    """First day on which cumulative GJ + CEJ entries reach the objective, recomputed with pandas."""
    e = extrait("entrees_dispositif", annee)
    o = extrait("objectifs_cej", annee)
    if codes_ml is not None:
        e, o = e[e["code_ml"].isin(codes_ml)], o[o["code_ml"].isin(codes_ml)]
    objectif = int(o["objectif"].sum())
    cumul = e.groupby(pd.to_datetime(e["date_entree"]).dt.date).size().sort_index().cumsum()
    return cumul[cumul >= objectif].index[0], objectif, int(cumul.iloc[-1])


def mls_du(dep: str) -> set[str]:
    ml = pd.read_csv(config.SOURCES_DIR / "missions_locales.csv", dtype=str)
    return set(ml.loc[ml["departement"] == dep, "code_ml"])


@pytest.fixture(scope="module")
def region():
    return lancer(PAGE)


# --- the region, 2022 ----------------------------------------------------------------------------------

def test_page_sans_exception(region):
    assert not region.exception, [e.message for e in region.exception]
    assert "Contrat d'Engagement Jeune" in [t.value for t in region.title]
    assert len(region.get("vega_lite_chart")) == 3


def test_chaque_chiffre_publie_du_theme_cej_est_affiche(region):
    texte = texte_complet(region)
    lignes = publies_du_theme("cej")
    assert len(lignes) == 22
    for r in lignes:
        attendu = formats.valeur(float(r["valeur"]), r["unite"])
        assert attendu in texte, (r["id"], attendu)
    for attendu in ["13\u202f927", "108\u202f%", "12\u202f952", "1\u202f905", "12\u202f022", "47\u202f%", "53\u202f%",
                    "17\u202f%", "18\u202f%", "37\u202f%", "36,8\u202f%", "975"]:
        assert attendu in texte, attendu
    assert "publié (rapport 2022)" in texte
    # the uncertain pairing of the sex split is said, with the CSV's note
    note = next(r["note"] for r in lignes if r["id"] == "cej_part_femmes")
    assert note in texte and "Appariement incertain" in texte
    affiches = region.session_state["_indicateurs_affiches"]
    assert {r["id"] for r in lignes} <= affiches


def test_la_courbe_finit_a_13927_soit_108_pourcent(region):
    courbe = tableau(region, "Entrées cumulées")
    assert courbe["Entrées cumulées"].iloc[-1] == "13\u202f927"
    assert courbe["Part de l'objectif"].iloc[-1] == "107,5\u202f%"  # 13 927 / 12 952, published rounded to 108 %
    assert courbe["Date"].iloc[-1] == "31 décembre 2022"
    # one calendar: 1 January, then every month end; the 28 February point is the Garantie Jeunes' 1 905
    assert len(courbe) == 13
    assert courbe.loc[courbe["Date"] == "28 février 2022", "Entrées cumulées"].iloc[0] == "1\u202f905"
    # the chart itself: its line ends at 13 927, its rule is the objective
    jeux = donnees_graphique(region, 0)
    ligne = next(d for d in jeux if "cumul" in d.columns)
    assert ligne["cumul"].max() == 13_927
    assert any("objectif" in d.columns and (d["objectif"] == 12_952).all() for d in jeux)
    gj = ligne[ligne["periode"] == "Garantie Jeunes"]
    assert gj["cumul"].max() == 1_905
    # only what is drawn is sent
    assert set(ligne.columns) == {"date", "cumul", "periode"}


def points_fin_de_mois(codes_ml: set[str] | None, annee: int = 2022) -> pd.Series:
    """Cumulated entries at each month end, recomputed with pandas from the extracts."""
    e = extrait("entrees_dispositif", annee)
    if codes_ml is not None:
        e = e[e["code_ml"].isin(codes_ml)]
    mois = pd.to_datetime(e["date_entree"]).dt.month
    return mois.value_counts().reindex(range(1, 13), fill_value=0).sort_index().cumsum()


def test_le_mois_de_franchissement_est_lu_sur_les_points_publies(region):
    jour, objectif, total = franchissement(None)
    points = points_fin_de_mois(None)
    assert (objectif, total, int(points[12])) == (12_952, 13_927, 13_927)
    mois = int(points[points >= objectif].index[0])
    assert mois == jour.month  # the month of the crossing day
    texte = textes(region)
    attendu = formats.mois_annee(dt.date(2022, mois, 1))
    assert f'<p class="kpi-valeur">{attendu}</p>' in texte              # the card
    assert f"il a été franchi en {attendu}." in texte                   # the reading under the chart
    assert formats.date(jour) not in texte                              # no day that the points do not show


def test_realisation_par_departement_et_mission_locale(region):
    deps = tableau(region, "Réalisation")
    assert list(deps["Territoire"]) == ["Calvados (14)", "Eure (27)", "Manche (50)", "Orne (61)", "Seine-Maritime (76)"]
    e = extrait("entrees_dispositif", 2022)
    o = extrait("objectifs_cej", 2022)
    calvados = mls_du("14")
    n, obj = int(e["code_ml"].isin(calvados).sum()), int(o.loc[o["code_ml"].isin(calvados), "objectif"].sum())
    ligne = deps.set_index("Territoire").loc["Calvados (14)"]
    assert ligne["Entrées (total)"] == formats.nombre(n)
    assert ligne["Objectif"] == formats.nombre(obj)
    assert ligne["Réalisation"] == formats.pourcentage(100 * n / obj, 1)
    mls = [d.value for d in region.dataframe if "Réalisation" in d.value.columns][1]
    assert len(mls) == 24
    texte = textes(region)
    assert "objectifs par Mission Locale de démonstration" in texte
    assert "Missions Locales sur 24 atteignent ou dépassent l'objectif" in texte


def test_lien_vers_la_carte(region):
    lien = region.get("page_link")[0].proto
    assert lien.page == "territoires"
    assert "indicateur=realisation_cej_pct" in lien.query_string


# --- the territory filter -------------------------------------------------------------------------------

def test_le_territoire_change_les_chiffres():
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("14").run()
    assert not at.exception, [e.message for e in at.exception]
    calvados = mls_du("14")
    jour, objectif, total = franchissement(calvados)
    texte = textes(at)
    assert f"Dans le Calvados, les entrées cumulées atteignent {formats.nombre(total)}" in texte
    assert f"franchi en {formats.mois_annee(jour)}." in texte
    assert formats.pourcentage(100 * total / objectif, 1) in texte
    assert "Entrées en Garantie Jeunes et CEJ dans le Calvados" in texte
    courbe = tableau(at, "Entrées cumulées")
    assert courbe["Entrées cumulées"].iloc[-1] == formats.nombre(total) != "13\u202f927"
    # the published regional figures stay as published
    assert "13\u202f927" in texte and "12\u202f952" in texte
    profil = tableau(at, "Parmi les jeunes entrés")
    assert list(profil.columns) == ["Parmi les jeunes entrés", "Calvados (14)", "Normandie"]
    assert profil["Normandie"].iloc[0] == "13\u202f927"


def test_mission_locale_et_secret(monkeypatch):
    """With a threshold above its entries, a Mission Locale's counts read "secret", never a number."""
    monkeypatch.setattr(config, "SEUIL_SECRET", 200)
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("14-BSE").run()  # 176 entries in the demonstration
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    assert "couvertes par le secret statistique" in texte
    courbe = tableau(at, "Entrées cumulées")
    visibles = [v for v in courbe["Entrées cumulées"] if v != "secret"]
    assert set(visibles) <= {"0"}
    mls = [d.value for d in at.dataframe if "Réalisation" in d.value.columns][1].set_index("Territoire")
    bse = mls.loc["Mission Locale Baie de Seine"]
    assert bse["Entrées (total)"] == "secret" and bse["Réalisation"] == "secret"
    profil = tableau(at, "Parmi les jeunes entrés")
    assert set(profil["Mission Locale Baie de Seine"]) == {"secret"}  # 176 entrants: counts and shares hidden
    ml = pd.read_csv(config.SOURCES_DIR / "missions_locales.csv", dtype=str).set_index("nom")
    for colonne in ("Entrées en Garantie Jeunes", "Entrées en CEJ", "Entrées (total)"):
        for v in mls[colonne]:
            assert v in ("secret", "0") or int(v.replace("\u202f", "")) >= 200, (colonne, v)
        # no department has exactly one hidden Mission Locale: its total, shown above, would give it back
        caches = mls[mls[colonne] == "secret"].index.map(ml["departement"]).value_counts()
        assert (caches != 1).all(), (colonne, caches)


def test_annee_sans_objectif():
    at = lancer(PAGE)
    at.selectbox(key="annee").set_value(2021).run()
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    assert "aucun objectif n'est enregistré pour 2021" in texte
    assert "non disponible" in texte
    assert "Projection" not in texte  # 2021 is complete


# --- a year in progress ----------------------------------------------------------------------------------

@pytest.fixture
def annee_partielle(tmp_path, monkeypatch):
    """Imported extracts of 2023 stopping on 30 June (entries of 2022 moved one year on, all CEJ)."""
    build = tmp_path / "build"
    shutil.copytree(config.BUILD_DIR, build)
    extraits = tmp_path / "extraits"
    jeunes = (pd.read_parquet(config.DEMO_DIR / "jeunes" / "annee=2022.parquet")
              .assign(annee=2023, provenance="extraits"))
    entrees = pd.read_parquet(config.DEMO_DIR / "entrees_dispositif" / "annee=2022.parquet")
    entrees["date_entree"] = pd.to_datetime(entrees["date_entree"]).map(lambda d: d.replace(year=2023).date())
    entrees = entrees[entrees["date_entree"] <= dt.date(2023, 6, 30)].assign(annee=2023, dispositif="CEJ",
                                                                             provenance="extraits")
    objectifs = pd.read_parquet(config.DEMO_DIR / "objectifs_cej" / "annee=2022.parquet").assign(
        annee=2023, provenance="extraits")
    for table, df in (("jeunes", jeunes), ("entrees_dispositif", entrees), ("objectifs_cej", objectifs)):
        demo.ecrire(modele.schema(table).validate(df.reset_index(drop=True)), table,
                    extraits / table / "annee=2023.parquet")
    monkeypatch.setattr(config, "BUILD_DIR", build)
    monkeypatch.setattr(config, "DEMO_DIR", build / "demo")
    monkeypatch.setattr(config, "EXTRAITS_DIR", extraits)
    return entrees, objectifs


def test_projection_d_une_annee_en_cours(annee_partielle):
    entrees, objectifs = annee_partielle
    at = lancer(PAGE)
    at.selectbox(key="annee").set_value(2023).run()
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    arret = max(entrees["date_entree"])
    assert arret == dt.date(2023, 6, 30)
    assert f"Les extraits de 2023 s'arrêtent au {formats.date(arret)}" in texte
    # linear extrapolation between two shown points of the curve (30 April and 30 June), recomputed here
    points = points_fin_de_mois(None, 2023)
    cumul = len(entrees)
    assert int(points[6]) == cumul
    rythme = (cumul - int(points[4])) / (dt.date(2023, 6, 30) - dt.date(2023, 4, 30)).days
    projete = cumul + rythme * (dt.date(2023, 12, 31) - arret).days
    pct = round(100 * projete / objectifs["objectif"].sum())
    assert f"À ce rythme, l'année se terminerait à **{formats.pourcentage(pct)}** de l'objectif" in texte
    assert "Méthode : prolongation linéaire du rythme observé entre le 30 avril 2023" in texte
    assert "Avec le profil de l'année précédente" in texte and "même profil saisonnier que 2022" in texte
    assert "calculé sur extraits" in texte
    suite = next(d for d in donnees_graphique(at, 0) if "entrees" in d.columns)  # the dashed projection
    assert suite["entrees"].iloc[-1] == pytest.approx(projete)
    assert pd.Timestamp(suite["date"].iloc[-1]).date() == dt.date(2023, 12, 31)
    assert "Aucun département n'atteint l'objectif au 30 juin 2023 (année en cours)" in texte
    courbe = tableau(at, "Entrées cumulées")
    assert courbe["Date"].iloc[-1] == "30 juin 2023"
    assert courbe["Entrées cumulées"].iloc[-1] == formats.nombre(cumul)
    # audit case 4 (issue 13): "N entrées du … au …" printed a count no curve showed; now every count the
    # method states is a point of the curve, at a date the curve shows
    methode = next(ligne for ligne in texte.splitlines() if "À ce rythme" in ligne)
    points = re.findall(r"le (\d+(?:er)? [a-zéû]+ 2023) \(([\d\u202f]+)", methode)
    for date, n in points:
        assert courbe.loc[courbe["Date"] == date, "Entrées cumulées"].iloc[0] == n
    assert len(points) == 2


# --- secrecy of nested territories ------------------------------------------------------------------

def test_secret_emboite_cache_une_seconde_mission_locale():
    df = pd.DataFrame({
        "niveau": ["region", "departement", "departement", "mission_locale", "mission_locale", "mission_locale"],
        "departement": [None, "14", "27", "14", "14", "27"],
        "nb": [140, 60, 80, 5, 55, 80],
    })
    masque = secret.masque_territoires(df, ["nb"])
    caches = df.loc[masque["nb"], "nb"].tolist()
    assert 5 in caches and len(caches) >= 2  # the department total would give the 5 back otherwise
    assert not masque.loc[df["niveau"] != "mission_locale", "nb"].any()  # totals stay shown
