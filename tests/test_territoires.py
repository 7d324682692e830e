"""Territoires page (AppTest) and the offline map mechanism (observatoire/vue/cartes.py).

Expected figures are recomputed here from the extract files and the geography with pandas, not
with the page's SQL."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from observatoire import config, db, formats, palette
from observatoire.vue import cartes
from tests.outils import lancer, textes

PAGE = "territoires.py"
ANNEE = 2022


# ------------------------------------------------------------------------------ independent figures

def _extrait(table: str) -> pd.DataFrame:
    fichiers = db._tables(config.BUILD_DIR).get(table)
    if not fichiers:
        pytest.skip(f"extraits « {table} » absents (python -m observatoire build les génère)")
    return pd.concat([pd.read_parquet(f) for f in fichiers], ignore_index=True)


def _population() -> pd.DataFrame:
    communes = pd.read_csv(config.GEO_DIR / "communes.csv", dtype={"code_commune": str, "departement": str})
    ml = pd.read_csv(config.SOURCES_DIR / "ml_communes.csv", dtype=str)
    return communes.merge(ml, on="code_commune")


def attendus(niveau: str) -> pd.DataFrame:
    """Per territory: nb_jeunes, taux pour 1 000, part sans diplôme, réalisation de l'objectif."""
    cle = (lambda s: s.str[:2]) if niveau == "departement" else (lambda s: s)
    j = _extrait("jeunes")
    j = j[j["annee"] == ANNEE].assign(code=lambda d: cle(d["code_ml"]))
    pop = _population()
    pop["code"] = pop["departement"] if niveau == "departement" else pop["code_ml"]
    e = _extrait("entrees_dispositif")
    e = e[e["annee"] == ANNEE].assign(code=lambda d: cle(d["code_ml"]))
    o = _extrait("objectifs_cej")
    o = o[o["annee"] == ANNEE].assign(code=lambda d: cle(d["code_ml"]))
    out = pd.DataFrame({
        "nb_jeunes": j.groupby("code")["id_jeune"].nunique(),
        "nb_sans_diplome": j[j["niveau"] == "sans_diplome"].groupby("code")["id_jeune"].nunique(),
        "population": pop.groupby("code")["population"].sum(),
        "entrees": e.groupby("code").size(),
        "objectif": o.groupby("code")["objectif"].sum(),
    })
    out.loc["Normandie"] = out.sum()
    out["taux"] = 1000 * out["nb_jeunes"] / out["population"]
    out["part_sans_diplome"] = 100 * out["nb_sans_diplome"] / out["nb_jeunes"]
    out["realisation"] = 100 * out["entrees"] / out["objectif"]
    return out


def _tableau(at, colonne: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if colonne in d.value.columns)


def _ligne(at, libelle: str) -> dict:
    fiche = _tableau(at, "Indicateur")
    return fiche[fiche["Indicateur"] == libelle].iloc[0].to_dict()


def _rang(serie: pd.Series, code: str) -> int:
    s = serie.drop("Normandie")
    return int((s > s[code]).sum()) + 1


# ------------------------------------------------------------------------------------------ AppTest

def test_page_sans_selection_affiche_carte_legende_et_sources():
    at = lancer(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    assert "Territoires" in [t.value for t in at.title]
    assert cartes.SOURCE_CONTOURS in texte
    assert "Classes : seuils naturels (jenks)" in texte
    assert "recensement 2017" in texte
    assert "Aucun territoire choisi" in texte
    if "jeunes" in db.tables_disponibles():
        assert any("démonstration" in w.value.lower() for w in at.warning)


def test_selection_d_un_departement_ouvre_sa_fiche():
    at = lancer(PAGE, territoire_selectionne={"niveau": "departement", "code": "14"})
    assert not at.exception, [e.message for e in at.exception]
    assert "Calvados (14)" in [s.value for s in at.subheader]
    a = attendus("departement")
    ligne = _ligne(at, "Jeunes accompagnés")
    assert ligne["Calvados"] == formats.nombre(a.at["14", "nb_jeunes"])
    assert ligne["Normandie"] == formats.nombre(a.at["Normandie", "nb_jeunes"])
    assert ligne["Rang"] == f"{_rang(a['nb_jeunes'], '14')}ᵉ sur 5".replace("1ᵉ ", "1ᵉʳ ")
    assert ligne["Provenance"] == "démonstration"
    ligne = _ligne(at, "Jeunes accompagnés pour 1\u202f000 habitants")
    assert ligne["Calvados"] == formats.nombre(a.at["14", "taux"], 1)
    assert ligne["Normandie"] == formats.nombre(a.at["Normandie", "taux"], 1)
    ligne = _ligne(at, "Réalisation de l'objectif d'entrées (GJ + CEJ)")
    assert ligne["Calvados"] == formats.pourcentage(a.at["14", "realisation"], 1)
    ligne = _ligne(at, "Population municipale 2017 (INSEE)")
    assert ligne["Calvados"] == formats.nombre(694_002)
    assert ligne["Normandie"] == formats.nombre(3_330_478)
    assert ligne["Provenance"] == "INSEE 2017 (donnée publique)"
    # The selection list shows the same territory.
    assert at.selectbox(key="territoires_choix").value == "14"


def test_selection_d_une_mission_locale_apres_changement_de_decoupage():
    at = lancer(PAGE, territoire_selectionne={"niveau": "mission_locale", "code": "76-HAV"})
    assert "Le Havre" not in [s.value for s in at.subheader]  # departments shown: the ML selection waits
    at.radio(key="decoupage").set_value("mission_locale").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Mission Locale Le Havre Estuaire Littoral" in [s.value for s in at.subheader]
    a = attendus("mission_locale")
    ligne = _ligne(at, "Part des jeunes sans diplôme")
    attendu = formats.pourcentage(a.at["76-HAV", "part_sans_diplome"], 1)
    assert ligne["Mission Locale Le Havre Estuaire Littoral"] == attendu
    ligne = _ligne(at, "Jeunes accompagnés pour 1\u202f000 habitants")
    assert ligne["Mission Locale Le Havre Estuaire Littoral"] == formats.nombre(a.at["76-HAV", "taux"], 1)
    assert ligne["Rang"] == f"{_rang(a['taux'], '76-HAV')}ᵉ sur 24".replace("1ᵉ ", "1ᵉʳ ")
    toutes = _tableau(at, "Territoire")
    assert len(toutes) == 24


def test_secret_statistique_sur_les_petits_effectifs(monkeypatch):
    """With a threshold above the smallest Mission Locale, its count reads "secret", and so does a
    second one (the territories add up to the region total shown beside them)."""
    a = attendus("mission_locale").drop("Normandie")
    plus_petite = a["nb_jeunes"].idxmin()
    monkeypatch.setattr(config, "SEUIL_SECRET", int(a["nb_jeunes"].min()) + 1)
    at = lancer(PAGE, territoire_selectionne={"niveau": "mission_locale", "code": plus_petite})
    at.radio(key="decoupage").set_value("mission_locale").run()
    assert not at.exception, [e.message for e in at.exception]
    valeurs = _tableau(at, "Territoire").iloc[:, 2]  # the default indicator: rate per 1 000 inhabitants
    assert (valeurs == "secret").sum() >= 2
    nom = cartes.noms("mission_locale")[plus_petite]
    ligne = _ligne(at, "Jeunes accompagnés")
    assert ligne[nom] == "secret" and ligne["Rang"] == "—"
    assert _ligne(at, "Part des jeunes sans diplôme")[nom] == "secret"


# ------------------------------------------------------------------------------------ maps module

def _carte(**kw):
    valeurs = pd.DataFrame({"code": ["14", "27", "50", "61", "76"], "valeur": [1.0, 2.0, 3.0, 4.0, None],
                            "texte": ["1", "2", "3", "4", "secret"]})
    classes = cartes.classer(valeurs["valeur"], "Quantiles (effectifs égaux)", k=2)
    lieux = pd.DataFrame([{"nom": "Mission Locale X", "nature": "siège", "ville": "Caen", "telephone": "02 31 00 00 00",
                           "email": "x@example.org", "lat": 49.18, "lon": -0.37}])
    return cartes.carte_choroplethe("departement", valeurs, classes, "Test", lieux=lieux, **kw), classes


def test_la_carte_ne_charge_rien_hors_de_l_application():
    m, _ = _carte()
    page = m.get_root().render()
    scripts = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", page)
    liens = re.findall(r"<link[^>]*\bhref=[\"']([^\"']+)", page)
    assert scripts == [cartes.LEAFLET_JS]
    assert liens == [cartes.LEAFLET_CSS]
    assert cartes.urls_externes(m) == []
    for interdit in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "d3.js", "d3.v", "cdn",
                     "http:", "https:"):
        assert interdit not in page.lower(), interdit
    assert "$(" not in page  # no jQuery call either (folium.Popup uses one: replaced)
    assert "tile.openstreetmap" not in page


def test_fond_osm_seulement_sur_demande():
    m, _ = _carte(fond_osm=True)
    assert "tile.openstreetmap.org" in m.get_root().render()
    assert cartes.urls_externes(m) == []  # tiles are images, not scripts: still nothing executable from outside


def test_classes_et_couleurs():
    m, classes = _carte()
    assert classes.bornes == (2.5, 4.0) and classes.minimum == 1.0
    assert classes.couleur(1.0) == classes.couleurs[0] and classes.couleur(4.0) == classes.couleurs[1]
    assert classes.couleur(float("nan")) == palette.SANS_VALEUR
    jenks = cartes.classer([1, 2, 3, 10, 11, 12, 30], "Seuils naturels (Jenks)", k=3)
    assert jenks.bornes == (3.0, 12.0, 30.0)
    egaux = cartes.classer([0, 10], "Intervalles égaux", k=5)
    assert egaux.bornes == (5.0, 10.0)  # never more classes than distinct values
    assert cartes.classer([None, float("nan")], "Quantiles (effectifs égaux)") is None


def test_contours_et_proprietes():
    deps = cartes.contours("departement")
    assert [f["properties"]["code"] for f in deps["features"]] == ["14", "27", "50", "61", "76"]
    assert len(cartes.contours("mission_locale")["features"]) == 24
    assert cartes.noms("mission_locale")["14-CAE"] == "Mission Locale Caen la Mer Calvados Centre"


def test_chaque_indicateur_chaque_methode_et_l_annee_sans_objectif():
    """Every indicator and class method draws without error at the Mission Locale level, including 2021,
    a year with no CEJ objective (achievement then reads "non disponible")."""
    at = lancer(PAGE)
    at.radio(key="decoupage").set_value("mission_locale").run()
    indicateurs = at.selectbox(key="indicateur").options
    for i in range(len(indicateurs)):
        at.selectbox(key="indicateur").select_index(i).run()
        assert not at.exception, (indicateurs[i], [e.message for e in at.exception])
    for methode in at.selectbox(key="territoires_methode").options:
        at.selectbox(key="territoires_methode").set_value(methode).run()
        assert f"Classes : {methode.lower()}" in textes(at)
    if "2021" not in at.selectbox(key="annee").options:
        pytest.skip("pas d'extraits 2021")
    at.selectbox(key="indicateur").select_index(
        indicateurs.index("Réalisation de l'objectif d'entrées (GJ + CEJ)")).run()
    at.selectbox(key="annee").set_value(2021).run()
    assert not at.exception, [e.message for e in at.exception]
    assert (_tableau(at, "Territoire").iloc[:, 2] == "non disponible").all()
    assert "non disponible ou secret" in textes(at)  # the legend's grey box


@pytest.mark.parametrize("niveau", ["departement", "mission_locale"])
def test_ce_que_recoit_le_navigateur_reste_leger(niveau):
    """The map's script (GeoJSON with its values, seats, styles) sent at each render: under 300 KB."""
    from streamlit_folium import _get_map_string

    codes = list(cartes.noms(niveau))
    valeurs = pd.DataFrame({"code": codes, "valeur": range(len(codes)), "texte": ["12,3"] * len(codes)})
    m = cartes.carte_choroplethe(niveau, valeurs, cartes.classer(valeurs["valeur"], "Seuils naturels (Jenks)"),
                               "Pour 1 000 habitants (démonstration)", lieux=db.requete("carte_lieux_accueil"))
    taille = len(_get_map_string(m).encode("utf-8"))
    assert 20_000 < taille < 300_000, taille


def test_sans_extraits_seule_la_population_est_cartographiee(monkeypatch):
    monkeypatch.setattr(db, "tables_disponibles", lambda: {"communes", "ml_communes", "missions_locales"})
    at = lancer(PAGE, territoire_selectionne={"niveau": "departement", "code": "76"})
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="indicateur").options == ["Population municipale 2017 (INSEE)"]
    assert any("pas encore disponibles" in i.value for i in at.info)
    assert not at.warning  # no demonstration value on screen, hence no demonstration warning
    ligne = _ligne(at, "Population municipale 2017 (INSEE)")
    assert ligne["Seine-Maritime"] == formats.nombre(1_254_378) and ligne["Rang"] == "1ᵉʳ sur 5"


def test_un_lien_ouvre_la_carte_demandee():
    """The CEJ page links here with ?indicateur=realisation_cej_pct: the map opens on that indicator."""
    from streamlit.testing.v1 import AppTest

    from tests.outils import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicateur"] = "realisation_cej_pct"
    at.query_params["decoupage"] = "mission_locale"
    at.run()
    at.switch_page("pages/territoires.py").run()
    assert not at.exception
    assert at.session_state["indicateur"] == "realisation_cej_pct"
    assert "entrées (GJ + CEJ) — 2022" in textes(at)  # the legend's title
    assert at.session_state["decoupage"] == "mission_locale"


def test_le_territoire_choisi_ailleurs_ouvre_sa_fiche_et_la_carte_le_partage():
    from streamlit.testing.v1 import AppTest

    from tests.outils import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["territoire"] = "76-ROU"
    at.run()
    at.switch_page("pages/territoires.py").run()
    assert not at.exception
    assert at.session_state["decoupage"] == "mission_locale"
    assert "Mission Locale de l'Agglomération Rouennaise" in [h.value for h in at.subheader]
    # A click on the map (as st_folium reports it) becomes the territory of every page.
    at.session_state["territoire_selectionne"] = {"niveau": "mission_locale", "code": "14-CAE"}
    at.run()
    assert at.session_state["territoire"] == "14-CAE"
    at.switch_page("pages/publics.py").run()
    assert at.selectbox(key="territoire").value == "14-CAE"


def test_un_lien_avec_territoire_ouvre_sa_fiche_meme_apres_un_autre_clic():
    """The CEJ page's link (?indicateur=…&territoire=14-CAE&decoupage=mission_locale) opens that Mission Locale's
    panel, even when another territory was clicked before in the session; the link is read once, so a later
    click is not undone by the URL."""
    at = lancer(PAGE, territoire_selectionne={"niveau": "departement", "code": "27"})
    assert "Eure (27)" in [s.value for s in at.subheader]
    at.query_params.update({"territoire": "14-CAE", "decoupage": "mission_locale",
                            "indicateur": "realisation_cej_pct"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    titre = next(s.value for s in at.subheader if s.value.startswith("Mission Locale"))
    assert "Caen" in titre
    assert at.selectbox(key="indicateur").value == "realisation_cej_pct"
    at.session_state["territoire_selectionne"] = {"niveau": "mission_locale", "code": "14-LIS"}
    at.run()
    assert any("Lisieux" in s.value for s in at.subheader)
