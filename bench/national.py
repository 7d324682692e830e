"""National-scale synthetic extracts for the benchmarks: 436 Missions Locales, about 1,1 million young
people a year, ten years (about 11 million rows of `jeunes`, plus the event tables).

Deterministic (numpy, fixed seed per year), generated in chunks of Missions Locales and written with
pyarrow straight to parquet, one file per table and year, in the layout the app reads:

    <data_dir>/extraits/<table>/annee=YYYY.parquet      (jeunes, entrees_dispositif, situations, objectifs_cej)
    <data_dir>/build/*.parquet                           (copies of data/build/*.parquet)

so that `OBSERVATOIRE_DATA_DIR=<data_dir>` points the app and its queries at it. No 11-million-row
DataFrame ever exists: at most one chunk (~250 000 young people) is in memory.

The 24 Missions Locales of Normandy keep their real codes and together about 50 687 young people a year
(the 2022 regional total), so that "one region, one year" is a real subset; 412 synthetic ones
("ML025" … "ML436") spread over the other departments make up the rest. `missions_locales` gets a row
per synthetic Mission Locale (same columns) so that joins on code_ml keep their national size.
Proportions are those of the 2022 report where it gives them (per 50 687 young people: 13 927 entries
in GJ/CEJ, 40 812 work contracts for 20 427 young people, 2 578 alternance, 8 086 training actions for
6 651 young people, 18 024 first receptions, 733 under justice supervision); the others are plausible.
Nothing here is shown to users: these files exist only under .cache/bench/.

    python -m bench.national [taille ...]       # prepares region_1an, national_1an, national_10ans
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from observatoire import config, modele

VERSION_GENERATEUR = 2  # bump when the output changes, so cached sizes are regenerated
CACHE = config.ROOT / ".cache" / "bench"
GRAINE = 20_221_231
ANNEE_REFERENCE = 2022  # the report's year: the one-year sizes use it

# Ratios of the 2022 report, per young person supported (50 687 in Normandy).
JEUNES_NORMANDIE_2022 = 50_687
P_PREMIER_ACCUEIL = 18_024 / 50_687
P_JUSTICE = 733 / 50_687
P_ENTREE_DISPOSITIF = 13_927 / 50_687
P_EMPLOI = 20_427 / 50_687           # young people with at least one work contract
CONTRATS_PAR_JEUNE_EMPLOI = 40_812 / 20_427
P_ALTERNANCE = 2_578 / 50_687
P_FORMATION = 6_651 / 50_687
ACTIONS_PAR_JEUNE_FORMATION = 8_086 / 6_651
PART_FORMATION_REGION = 4_985 / 8_086
PART_INTERIM = 0.38                  # "38 % des contrats signés" (travail temporaire)
OBJECTIF_SUR_ENTREES = 12_952 / 13_927
# Plausible shares (not published in this form).
P_FEMME = 0.469
P_QPV, P_ZRR, P_RQTH = 0.155, 0.085, 0.053
AGES = np.arange(16, 30)
POIDS_AGES = np.array([3, 6, 10, 12, 12, 11, 10, 9, 8, 6, 4, 2, 1, 1], dtype=float)
NIVEAUX_POIDS = [0.30, 0.22, 0.37, 0.11]            # modele.NIVEAUX order
LOGEMENTS_POIDS = [0.25, 0.64, 0.11]                # modele.LOGEMENTS order
P_LOGEMENT_INCONNU = 0.03
SOUS_TYPES_EMPLOI_POIDS = [0.12, 0.50, PART_INTERIM]  # CDI, CDD, interim

DEPARTEMENTS_NORMANDIE = {"14", "27", "50", "61", "76"}
DEPARTEMENTS_AUTRES = ([f"{d:02d}" for d in range(1, 96) if f"{d:02d}" not in DEPARTEMENTS_NORMANDIE | {"20"}]
                       + ["2A", "2B", "971", "972", "973", "974", "976"])
TYPES_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_(), "DATE": pa.date32()}
TAILLE_LOT = 250_000  # young people per chunk written


@dataclass(frozen=True)
class Parametres:
    annees: tuple[int, ...] = tuple(range(2015, 2025))
    nb_ml: int = 436
    jeunes_par_an: int = 1_100_000
    graine: int = GRAINE
    version: int = VERSION_GENERATEUR


def schema_arrow(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.nom, TYPES_ARROW[c.type_sql]) for c in modele.TABLES[table].colonnes])


def referentiel_ml(nb_ml: int) -> list[dict]:
    """The 24 real Missions Locales of Normandy, then synthetic ones up to nb_ml, with their department."""
    with duckdb.connect() as con:
        reelles = con.execute("select code_ml, departement from read_csv($p, all_varchar=true)",
                              {"p": str(config.SOURCES_DIR / "missions_locales.csv")}).fetchall()
    mls = [{"code_ml": c, "departement": d, "normandie": True} for c, d in reelles][:nb_ml]
    for i in range(len(mls) + 1, nb_ml + 1):
        dep = DEPARTEMENTS_AUTRES[(i - len(reelles) - 1) % len(DEPARTEMENTS_AUTRES)]
        mls.append({"code_ml": f"ML{i:03d}", "departement": dep, "normandie": False})
    return mls


def _tailles_ml(mls: list[dict], jeunes_par_an: int, rng: np.random.Generator) -> np.ndarray:
    """Young people per Mission Locale in the reference year: Normandy keeps its share of the 2022 total."""
    normandie = np.array([m["normandie"] for m in mls])
    poids = rng.lognormal(0.0, 0.45, len(mls))
    part_normandie = JEUNES_NORMANDIE_2022 / 1_100_000
    tailles = np.zeros(len(mls))
    if normandie.all() or not normandie.any():
        tailles = poids / poids.sum() * jeunes_par_an
    else:
        tailles[normandie] = poids[normandie] / poids[normandie].sum() * jeunes_par_an * part_normandie
        tailles[~normandie] = poids[~normandie] / poids[~normandie].sum() * jeunes_par_an * (1 - part_normandie)
    return tailles


def _facteur_annee(annee: int) -> float:
    """A gentle, deterministic year-to-year variation (the 2022 report shows −4,6 % on 2021)."""
    return 1.0 + 0.04 * np.sin(annee * 1.3)


def _communes_par_ml(mls: list[dict], rng: np.random.Generator) -> list[np.ndarray]:
    """Communes of residence to draw from: the real territory for Normandy, synthetic codes elsewhere."""
    ml_communes = config.ROOT / "data" / "build" / "ml_communes.parquet"
    reel: dict[str, list[str]] = {}
    if ml_communes.exists():
        with duckdb.connect() as con:
            paires = con.execute("select code_ml, code_commune from read_parquet($p) order by all",
                                 {"p": str(ml_communes)}).fetchall()
        for code_ml, code_commune in paires:
            reel.setdefault(code_ml, []).append(code_commune)
    pools = []
    for m in mls:
        if reel.get(m["code_ml"]):
            pools.append(np.array(reel[m["code_ml"]], dtype=object))
            continue
        dep = m["departement"]
        largeur = 5 - len(dep)
        debut = int(rng.integers(1, 10 ** largeur - 60))
        pools.append(np.array([f"{dep}{n:0{largeur}d}" for n in range(debut, debut + 40)], dtype=object))
    return pools


def _texte(indices: np.ndarray, valeurs) -> pa.Array:
    dictionnaire = pa.array(list(valeurs), pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), dictionnaire).cast(pa.string())


def _dates(annee: int, n: int, rng: np.random.Generator, debut: str | None = None,
           fin: str | None = None) -> np.ndarray:
    d0 = np.datetime64(debut or f"{annee}-01-01")
    d1 = np.datetime64(fin or f"{annee + 1}-01-01")
    return d0 + rng.integers(0, int((d1 - d0).astype(int)), n).astype("timedelta64[D]")


def _lot_jeunes(annee: int, codes: np.ndarray, mls: list[dict], pools: list[np.ndarray], premier_id: int,
                rng: np.random.Generator) -> pa.Table:
    n = len(codes)
    ids = pc.binary_join_element_wise(
        pa.scalar(f"J{annee}"), pc.utf8_lpad(pc.cast(pa.array(np.arange(premier_id, premier_id + n)), pa.string()),
                                             width=8, padding="0"), "")
    ages = rng.choice(AGES, n, p=POIDS_AGES / POIDS_AGES.sum()).astype(np.int32)
    tranches = np.select([ages <= 17, ages <= 20, ages <= 23], [0, 1, 2], 3)
    communes = np.empty(n, dtype=object)
    for i in np.unique(codes):
        masque = codes == i
        communes[masque] = rng.choice(pools[i], int(masque.sum()))
    logement = rng.choice(3, n, p=LOGEMENTS_POIDS)
    logement_arr = _texte(logement, modele.LOGEMENTS)
    inconnu = rng.random(n) < P_LOGEMENT_INCONNU
    logement_arr = pc.if_else(pa.array(inconnu), pa.scalar(None, pa.string()), logement_arr)
    colonnes = {
        "id_jeune": ids,
        "annee": pa.array(np.full(n, annee, np.int32)),
        "code_ml": _texte(codes, [m["code_ml"] for m in mls]),
        "commune": pa.array(communes, pa.string()),
        "sexe": _texte((rng.random(n) >= P_FEMME).astype(np.int32), modele.SEXES),
        "age": pa.array(ages),
        "tranche_age": _texte(tranches, modele.TRANCHES_AGE),
        "niveau": _texte(rng.choice(4, n, p=NIVEAUX_POIDS), modele.NIVEAUX),
        "qpv": pa.array(rng.random(n) < P_QPV),
        "zrr": pa.array(rng.random(n) < P_ZRR),
        "rqth": pa.array(rng.random(n) < P_RQTH),
        "logement": logement_arr,
        "premier_accueil": pa.array(rng.random(n) < P_PREMIER_ACCUEIL),
        "sous_main_justice": pa.array(rng.random(n) < P_JUSTICE),
        "provenance": _texte(np.zeros(n, np.int32), ["extraits"]),
    }
    return pa.table(colonnes, schema=schema_arrow("jeunes"))


def _lot_entrees(annee: int, jeunes: pa.Table, rng: np.random.Generator) -> pa.Table:
    choisis = np.flatnonzero(rng.random(jeunes.num_rows) < P_ENTREE_DISPOSITIF)
    dates = _dates(annee, len(choisis), rng)
    cej = dates >= np.datetime64(modele.DEBUT_CEJ)
    n = len(choisis)
    return pa.table({
        "id_jeune": jeunes["id_jeune"].take(choisis),
        "annee": pa.array(np.full(n, annee, np.int32)),
        "code_ml": jeunes["code_ml"].take(choisis),
        "dispositif": _texte(cej.astype(np.int32), modele.DISPOSITIFS),
        "date_entree": pa.array(dates),
        "provenance": _texte(np.zeros(n, np.int32), ["extraits"]),
    }, schema=schema_arrow("entrees_dispositif"))


def _lot_situations(annee: int, jeunes: pa.Table, rng: np.random.Generator) -> pa.Table:
    n_jeunes = jeunes.num_rows
    lignes, types, sous_types = [], [], []
    sous_dict = ["CDI", "CDD", "interim", "region", "autre", ""]
    # Work contracts: some young people sign several (40 812 contracts for 20 427 young people).
    emploi = np.flatnonzero(rng.random(n_jeunes) < P_EMPLOI)
    nb = 1 + rng.poisson(CONTRATS_PAR_JEUNE_EMPLOI - 1, len(emploi))
    e = np.repeat(emploi, nb)
    lignes.append(e), types.append(np.zeros(len(e), np.int32))
    sous_types.append(rng.choice(3, len(e), p=np.array(SOUS_TYPES_EMPLOI_POIDS) / sum(SOUS_TYPES_EMPLOI_POIDS)))
    a = np.flatnonzero(rng.random(n_jeunes) < P_ALTERNANCE)
    lignes.append(a), types.append(np.ones(len(a), np.int32)), sous_types.append(np.full(len(a), 5))
    formation = np.flatnonzero(rng.random(n_jeunes) < P_FORMATION)
    f = np.repeat(formation, 1 + rng.poisson(ACTIONS_PAR_JEUNE_FORMATION - 1, len(formation)))
    lignes.append(f), types.append(np.full(len(f), 2, np.int32))
    sous_types.append(np.where(rng.random(len(f)) < PART_FORMATION_REGION, 3, 4))
    ordre = np.concatenate(lignes)
    # One Mission Locale's rows together, as an export per Mission Locale would come.
    tri = np.argsort(ordre, kind="stable")
    ordre = ordre[tri]
    n = len(ordre)
    return pa.table({
        "id_jeune": jeunes["id_jeune"].take(ordre),
        "annee": pa.array(np.full(n, annee, np.int32)),
        "code_ml": jeunes["code_ml"].take(ordre),
        "type": _texte(np.concatenate(types)[tri], modele.TYPES_SITUATION),
        "sous_type": _texte(np.concatenate(sous_types)[tri], sous_dict),
        "date_debut": pa.array(_dates(annee, n, rng)),
        "provenance": _texte(np.zeros(n, np.int32), ["extraits"]),
    }, schema=schema_arrow("situations"))


class _Ecrivain:
    """A parquet file written row group by row group, renamed into place only when complete."""

    def __init__(self, dest: Path, schema: pa.Schema):
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.dest, self.tmp = dest, dest.with_suffix(".parquet.tmp")
        self.writer = pq.ParquetWriter(self.tmp, schema)
        self.lignes = 0

    def ecrire(self, table: pa.Table) -> None:
        if table.num_rows:
            self.writer.write_table(table)
            self.lignes += table.num_rows

    def fermer(self) -> int:
        self.writer.close()
        os.replace(self.tmp, self.dest)
        return self.lignes


def _referentiels(build_dir: Path, mls: list[dict]) -> None:
    """data/build/*.parquet copied; missions_locales extended with a row per synthetic Mission Locale."""
    build_dir.mkdir(parents=True, exist_ok=True)
    source = config.ROOT / "data" / "build"
    for p in sorted(source.glob("*.parquet")):
        shutil.copy2(p, build_dir / p.name)
    ml = build_dir / "missions_locales.parquet"
    if ml.exists():
        existant = pq.read_table(ml)
        connus = set(existant["code_ml"].to_pylist())
        ajout = [m for m in mls if m["code_ml"] not in connus]
        if ajout:
            lignes = {c: [""] * len(ajout) for c in existant.column_names}
            lignes["code_ml"] = [m["code_ml"] for m in ajout]
            if "nom" in lignes:
                lignes["nom"] = [f"Mission Locale synthétique {m['code_ml']}" for m in ajout]
            if "departement" in lignes:
                lignes["departement"] = [m["departement"] for m in ajout]
            ajout_table = pa.table({c: pa.array(v, existant.schema.field(c).type) for c, v in lignes.items()})
            pq.write_table(pa.concat_tables([existant, ajout_table]), ml)


def generer(data_dir: Path, params: Parametres = Parametres()) -> dict[str, int]:
    """Writes the extracts and reference tables under data_dir; returns the number of rows per table."""
    data_dir = Path(data_dir)
    mls = referentiel_ml(params.nb_ml)
    rng0 = np.random.default_rng(params.graine)
    tailles_ref = _tailles_ml(mls, params.jeunes_par_an, rng0)
    pools = _communes_par_ml(mls, rng0)
    _referentiels(data_dir / "build", mls)
    totaux = {t: 0 for t in modele.TABLES}
    extraits = data_dir / "extraits"
    index = {m["code_ml"]: i for i, m in enumerate(mls)}
    for annee in params.annees:
        rng = np.random.default_rng([params.graine, annee])
        tailles = rng.poisson(tailles_ref * _facteur_annee(annee)).astype(np.int64)
        tailles = np.maximum(tailles, 1)
        ecr = {t: _Ecrivain(extraits / t / f"annee={annee}.parquet", schema_arrow(t))
               for t in ("jeunes", "entrees_dispositif", "situations")}
        entrees_par_ml = np.zeros(len(mls), np.int64)
        premier, debut_lot = 0, 0
        while debut_lot < len(mls):
            fin_lot = debut_lot
            while fin_lot < len(mls) and (fin_lot == debut_lot or tailles[debut_lot:fin_lot + 1].sum() <= TAILLE_LOT):
                fin_lot += 1
            codes = np.repeat(np.arange(debut_lot, fin_lot, dtype=np.int32), tailles[debut_lot:fin_lot])
            jeunes = _lot_jeunes(annee, codes, mls, pools, premier, rng)
            entrees = _lot_entrees(annee, jeunes, rng)
            ecr["jeunes"].ecrire(jeunes)
            ecr["entrees_dispositif"].ecrire(entrees)
            ecr["situations"].ecrire(_lot_situations(annee, jeunes, rng))
            for code, nb in zip(*np.unique(entrees["code_ml"].to_numpy(zero_copy_only=False), return_counts=True)):
                entrees_par_ml[index[code]] += nb
            premier += len(codes)
            debut_lot = fin_lot
        for t, e in ecr.items():
            totaux[t] += e.fermer()
        objectifs = pa.table({
            "annee": pa.array(np.full(len(mls), annee, np.int32)),
            "code_ml": pa.array([m["code_ml"] for m in mls], pa.string()),
            "objectif": pa.array(np.round(entrees_par_ml * OBJECTIF_SUR_ENTREES).astype(np.int32)),
            "provenance": pa.array(["extraits"] * len(mls), pa.string()),
        }, schema=schema_arrow("objectifs_cej"))
        e = _Ecrivain(extraits / "objectifs_cej" / f"annee={annee}.parquet", schema_arrow("objectifs_cej"))
        e.ecrire(objectifs)
        totaux["objectifs_cej"] += e.fermer()
    return totaux


# --- The three sizes of the benchmark, cached under .cache/bench/ ---------------------------------

TAILLES = {
    "region_1an": "une région, une année (Normandie 2022, ~50 000 jeunes)",
    "national_1an": "national, une année (2022, ~1,1 million de jeunes)",
    "national_10ans": "national, dix années (2015-2024, ~11 millions de jeunes)",
}


def _tampon(dossier: Path) -> Path:
    return dossier / "generation.json"


def _a_jour(dossier: Path, attendu: dict) -> bool:
    try:
        return json.loads(_tampon(dossier).read_text())["parametres"] == attendu
    except (OSError, ValueError, KeyError):
        return False


def _lier(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    try:
        os.link(src, dest)  # same disk: no copy of hundreds of MB
    except OSError:
        shutil.copy2(src, dest)


def preparer(taille: str, params: Parametres = Parametres(), racine: Path = CACHE) -> Path:
    """Data dir of one benchmark size, generated (or derived from the ten-year set) only when missing."""
    if taille not in TAILLES:
        raise ValueError(f"taille inconnue : {taille} (attendu : {', '.join(TAILLES)})")
    dossier = racine / taille
    attendu = {**asdict(params), "annees": list(params.annees), "taille": taille}
    if _a_jour(dossier, attendu):
        # The reference tables follow data/build (a table added since, e.g. departements): copied again.
        _referentiels(dossier / "build", [] if taille == "region_1an" else referentiel_ml(params.nb_ml))
        return dossier
    if taille == "national_10ans":
        if dossier.exists():
            shutil.rmtree(dossier)
        debut = time.monotonic()
        totaux = generer(dossier, params)
        duree = time.monotonic() - debut
    else:
        source = preparer("national_10ans", params, racine)
        if dossier.exists():
            shutil.rmtree(dossier)
        annee = ANNEE_REFERENCE if ANNEE_REFERENCE in params.annees else params.annees[-1]
        if taille == "region_1an":  # one region as deployed today: the reference tables as built
            _referentiels(dossier / "build", [])
        else:
            shutil.copytree(source / "build", dossier / "build")
        debut = time.monotonic()
        totaux = {}
        normandie = [m["code_ml"] for m in referentiel_ml(params.nb_ml) if m["normandie"]]
        for table in modele.TABLES:
            src = source / "extraits" / table / f"annee={annee}.parquet"
            dest = dossier / "extraits" / table / f"annee={annee}.parquet"
            if taille == "national_1an":
                _lier(src, dest)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(pq.read_table(src, filters=[("code_ml", "in", normandie)]), dest)
            totaux[table] = pq.ParquetFile(dest).metadata.num_rows
        duree = time.monotonic() - debut
    _tampon(dossier).write_text(json.dumps({"parametres": attendu, "lignes": totaux,
                                            "secondes": round(duree, 1)}, indent=1))
    return dossier


def lignes(dossier: Path) -> dict[str, int]:
    return json.loads(_tampon(dossier).read_text())["lignes"]


def main(tailles: list[str] | None = None) -> None:
    for taille in tailles or list(TAILLES):
        debut = time.monotonic()
        dossier = preparer(taille)
        print(f"{taille:<15} {TAILLES[taille]} — {dossier.relative_to(config.ROOT)} — "
              + ", ".join(f"{t} {n:,}".replace(",", " ") for t, n in lignes(dossier).items())
              + f" ({time.monotonic() - debut:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
