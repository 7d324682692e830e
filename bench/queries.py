"""Every query of queries/*.sql at three sizes (one region one year ~50 000 young people, one national year
~1,1 million, ten national years ~11 million), beside the plain-pandas way of computing the same result.

For each size a worker process (so that memory of one size does not leak into the next):
  1. runs each query through the app's own runner without its cache (db._executer: the cached DuckDB
     connection with its views, a fresh cursor, bound parameters), 1 warm-up then N timed runs;
  2. loads the extract tables once into pandas DataFrames (the "pandas way": read the parquet files,
     then filter and group), and runs the pandas equivalent of each query (bench/equivalents_pandas.py),
     checking that it returns the same result as the SQL;
  3. samples the process's resident memory (VmRSS) every 2 ms during each query: "RSS max" is the peak.
Parameters come from each query's own $params, given typical values (VALEURS_TYPES); a query needing a
parameter not in that table is listed as skipped, never run with a guess.
Where a target is missed at the largest size, the query is profiled (DuckDB's JSON profile) and the
operators that take the time are printed.

    python -m bench queries                      # all sizes; N = 10
    BENCH_TAILLES=region_1an,national_1an BENCH_REPETITIONS=5 python -m bench queries
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bench import charge_machine, national
from bench.equivalents_pandas import EQUIVALENTS_PANDAS
from observatoire import config, db, derive, modele

CIBLE_P95_MS = 50.0            # every dashboard query at 11 million rows (issue 13)
TAILLE_CIBLE = "national_10ans"
REPETITIONS = int(os.environ.get("BENCH_REPETITIONS", "10"))
PROFILS = national.CACHE / "profils"

# Typical values of the parameters the pages pass: the home page's defaults (the report's year, the
# whole region, the finest level), i.e. the heaviest common case.
VALEURS_TYPES: dict[str, object] = {
    "annee": 2022,
    "annee_debut": 2015,
    "annee_fin": 2024,
    "territoire": "Normandie",
    "niveau": "mission_locale",
    "code_ml": "14-CAE",
    "codes_ml": list(modele.codes_ml()),
    "code_departement": "14",
    "departement": "14",
    "dispositif": "CEJ",
    "seuil": config.SEUIL_SECRET,
}


def parametres_types(nom: str) -> tuple[dict, list[str]]:
    """Typical values for the $params of a query, and those we have no typical value for."""
    attendus = sorted(db.parametres_requete(nom))
    inconnus = [p for p in attendus if p not in VALEURS_TYPES]
    return {p: VALEURS_TYPES[p] for p in attendus if p in VALEURS_TYPES}, inconnus


# Modules that run queries only to build the publication layer, once per data version (timed by bench.publication):
# the reference table of secrecy and the layer's stored tables.
CONSTRUCTION_DE_LA_COUCHE = ("observatoire/secret/", "observatoire/publication/stockees.py",
                             "observatoire/publication/couche.py")
APPEL = re.compile(r"""requete\(\s*(f?)["']([a-z0-9_]+)(\{?)""")


def requetes_du_tableau_de_bord() -> set[str]:
    """Queries a page view may run: those a module of pages/ or observatoire/ (subpackages included) passes to
    the runner (`db.requete("nom", …)`, or `db.requete(f"prefixe_{x}", …)` for names built at run time); not those
    only the layer's build runs (CONSTRUCTION_DE_LA_COUCHE), nor names that merely appear in the code (a widget's
    key, a mapping of published figures read from the layer)."""
    noms: set[str] = set()
    prefixes: list[str] = []
    for d in ("pages", "observatoire"):
        for p in (config.ROOT / d).rglob("*.py"):
            if str(p.relative_to(config.ROOT)).startswith(CONSTRUCTION_DE_LA_COUCHE):
                continue
            for f_chaine, nom, accolade in APPEL.findall(p.read_text(encoding="utf-8")):
                if f_chaine and accolade:
                    prefixes.append(nom)
                else:
                    noms.add(nom)
    return {p.stem for p in config.QUERIES_DIR.glob("*.sql")
            if p.stem in noms or (prefixes and p.stem.startswith(tuple(prefixes)))}


# --- The pandas way -----------------------------------------------------------------------------------
# Frames loaded once per size (read_parquet of every year file, concatenated), then the function of each
# query in bench/equivalents_pandas.py filters and groups them as an analyst would, returning the same
# columns, rows and values as the SQL (tests/test_bench_equivalents.py checks it for every query).

LIT_EXTRAITS = re.compile(r"\b(from|join)\s+(jeunes|entrees_dispositif|situations|objectifs_cej|"
                          r"parcours|jeunes_par_ml|profils_jeunes)\b", re.I)


def noms_presents() -> set[str]:
    return {p.stem for p in config.QUERIES_DIR.glob("*.sql")}


def charger_pandas(build_dir: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for nom, fichiers in db._tables(build_dir).items():
        frames[nom] = pd.concat([pd.read_parquet(f) for f in fichiers], ignore_index=True)
    return frames


def memes_resultats(sql: pd.DataFrame, pdf: pd.DataFrame) -> str:
    """'' when the pandas result equals the SQL one (same columns, rows, values to 1e-9), else why not."""
    if list(sql.columns) != list(pdf.columns):
        return f"colonnes {list(pdf.columns)} ≠ {list(sql.columns)}"
    if len(sql) != len(pdf):
        return f"{len(pdf)} lignes ≠ {len(sql)}"
    a = sql.reset_index(drop=True)
    b = pdf.reset_index(drop=True)
    cles = [c for c in a.columns if a[c].dtype == object or str(a[c].dtype) in ("str", "string")]
    if cles:  # same rows, whatever their order
        a = a.sort_values(cles, kind="stable").reset_index(drop=True)
        b = b.sort_values(cles, kind="stable").reset_index(drop=True)
    for c in a.columns:
        x, y = a[c], b[c]
        if pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
            xf = pd.to_numeric(x, errors="coerce").astype(float).to_numpy()
            yf = pd.to_numeric(y, errors="coerce").astype(float).to_numpy()
            if not np.allclose(xf, yf, rtol=1e-9, atol=1e-9, equal_nan=True):
                return f"colonne {c} diffère"
        elif not (x.astype(str).fillna("") == y.astype(str).fillna("")).all():
            return f"colonne {c} diffère"
    return ""


# --- Measuring ----------------------------------------------------------------------------------------

def _rss_mo() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class EchantillonneurRSS:
    """Samples the process's resident memory every 2 ms; `pic` is the peak since the last `remise()`."""

    def __init__(self):
        self.pic = _rss_mo()
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._boucle, daemon=True)
        self._t.start()

    def _boucle(self):
        while not self._stop.wait(0.002):
            self.pic = max(self.pic, _rss_mo())

    def remise(self) -> None:
        self.pic = _rss_mo()

    def lire(self) -> float:
        self.pic = max(self.pic, _rss_mo())
        return self.pic

    def arreter(self):
        self._stop.set()
        self._t.join()


def chronometrer(fn, n: int, rss: EchantillonneurRSS) -> dict:
    t0 = time.perf_counter()
    fn()  # warm-up: file metadata and OS page cache, as a server that has answered once
    if time.perf_counter() - t0 > 1.0:
        n = min(n, 3)  # seconds per run: a few runs tell the gap, and keep the benchmark bounded
    rss.remise()
    temps = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        temps.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": float(np.percentile(temps, 50)), "p95_ms": float(np.percentile(temps, 95)),
            "rss_mo": rss.lire(), "n": n}


def profiler(build_dir: Path, nom: str, params: dict) -> dict:
    """DuckDB's JSON profile of one run, on a connection with the same views (the app's is locked)."""
    import duckdb

    PROFILS.mkdir(parents=True, exist_ok=True)
    sortie = PROFILS / f"{nom}.json"
    con = duckdb.connect(config={"threads": 2})
    db.preparer_connexion(con, build_dir)
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute("SET profiling_output = $f", {"f": str(sortie)})
    lies = {k: v for k, v in params.items() if k in db.parametres_requete(nom)}
    t0 = time.perf_counter()
    con.execute(db.texte_requete(nom), lies).fetchall()
    total_ms = (time.perf_counter() - t0) * 1000
    con.close()
    arbre = json.loads(sortie.read_text())
    operateurs: list[tuple[float, str, int]] = []

    def parcourir(noeud):
        # DuckDB 1.x names the fields operator_*, 2.x name / timing / intermediate_rows
        nom_op = noeud.get("operator_name") or noeud.get("name") or noeud.get("operator_type") or "?"
        timing = noeud.get("operator_timing", noeud.get("timing"))
        if timing is not None:
            extra = noeud.get("extra_info") or {}
            detail = extra.get("Table") or extra.get("Groups") or extra.get("Aggregates") or extra.get("CTE Name") or ""
            if isinstance(detail, list):
                detail = ", ".join(map(str, detail))
            detail = str(detail).replace("\n", " ")[:70]
            lignes = noeud.get("operator_cardinality", noeud.get("intermediate_rows", 0))
            operateurs.append((float(timing) * 1000, f"{nom_op.strip()} {detail}".strip(), int(lignes or 0)))
        for enfant in noeud.get("children", []):
            parcourir(enfant)

    for racine in arbre.get("operator") or [arbre]:
        parcourir(racine)
    operateurs.sort(reverse=True)
    return {"total_ms": total_ms, "fichier": str(sortie.relative_to(config.ROOT)),
            "operateurs": operateurs[:int(os.environ.get("BENCH_OPERATEURS", "5"))]}


def travailleur(taille: str, n: int) -> dict:
    """Runs in its own process: every query at one size, SQL then pandas."""
    warnings.filterwarnings("ignore")
    dossier = national.preparer(taille)
    build_dir = dossier / "build"
    version = db.version_donnees(build_dir)
    rss = EchantillonneurRSS()
    base = rss.lire()
    noms = sorted(p.stem for p in config.QUERIES_DIR.glob("*.sql"))
    # Derived tables: built from scratch here (once per data version in the app), timed apart.
    shutil.rmtree(derive.dossier(build_dir), ignore_errors=True)
    t0 = time.perf_counter()
    db.vues(build_dir)
    derive_s = time.perf_counter() - t0
    db.connexion(version, str(build_dir))  # views created once, as in the app
    resultats, sql_res = _mesurer_sql(noms, version, build_dir, n, rss)
    rss_duckdb = rss.lire()
    # The pandas way: load once (timed, not counted in the per-query latency), then filter and group.
    t0 = time.perf_counter()
    frames = charger_pandas(build_dir)
    chargement_s = time.perf_counter() - t0
    rss_charge = rss.lire()
    _mesurer_pandas(resultats, sql_res, frames, n, rss)
    frames = None  # the pandas copy is released before the profiles run
    if taille == TAILLE_CIBLE:
        for nom, r in resultats.items():
            d = r.get("duckdb")
            p = r.get("pandas")
            if d and (d["p95_ms"] > CIBLE_P95_MS or (p and "p95_ms" in p and d["p95_ms"] > p["p95_ms"])):
                r["profil"] = profiler(build_dir, nom, r["params"])
    rss.arreter()
    tableau_de_bord = requetes_du_tableau_de_bord()
    for nom, r in resultats.items():
        r["tableau_de_bord"] = nom in tableau_de_bord
        r["lit_extraits"] = bool(LIT_EXTRAITS.search(db.texte_requete(nom))) if nom in noms_presents() else True
    return {"taille": taille, "lignes": national.lignes(dossier), "derive_s": derive_s,
            "rss_base_mo": base, "rss_duckdb_mo": rss_duckdb,
            "pandas_chargement_s": chargement_s, "rss_pandas_charge_mo": rss_charge, "requetes": resultats}


def _mesurer_sql(noms: list[str], version: str, build_dir: Path, n: int, rss) -> tuple[dict, dict]:
    """Every query through the app's runner: its result (kept for the pandas comparison) and its timings."""
    resultats: dict[str, dict] = {}
    sql_res: dict[str, pd.DataFrame] = {}
    for nom in noms:
        try:
            params, inconnus = parametres_types(nom)
        except db.RequeteInconnue:  # renamed or removed while the benchmark runs
            continue
        if inconnus:
            resultats[nom] = {"ignoree": f"skipped: unknown param {', '.join(inconnus)}"}
            continue
        try:
            sql_res[nom] = db._executer(nom, params, version, str(build_dir))
            resultats[nom] = {"params": params, "lignes": len(sql_res[nom]),
                              "duckdb": chronometrer(lambda: db._executer(nom, params, version, str(build_dir)),
                                                     n, rss)}
        except Exception as exc:  # a broken query is reported, the others still run
            resultats[nom] = {"erreur": f"{type(exc).__name__}: {str(exc).splitlines()[0][:150]}"}
    return resultats, sql_res


def _mesurer_pandas(resultats: dict, sql_res: dict, frames, n: int, rss) -> None:
    """The same questions written in pandas on frames loaded once: timings and any difference of result."""
    for nom, fn in EQUIVALENTS_PANDAS.items():
        r = resultats.get(nom)
        if not r or "duckdb" not in r:
            continue
        params = r["params"]
        try:
            r["pandas"] = chronometrer(lambda: fn(frames, **params), n, rss)
            r["pandas"]["ecart"] = memes_resultats(sql_res[nom], fn(frames, **params))
        except Exception as exc:
            r["pandas"] = {"erreur": f"{type(exc).__name__}: {exc}"[:150]}


# --- Report -------------------------------------------------------------------------------------------

def _ms(x: float | None) -> str:
    return "—" if x is None else (f"{x:,.1f}" if x < 100 else f"{x:,.0f}").replace(",", " ")


def imprimer(mesures: list[dict]) -> list[str]:
    """The table, then the targets; returns the list of missed targets."""
    manques: list[str] = []
    for m in mesures:
        _imprimer_entete(m)
        for nom, r in m["requetes"].items():
            if "ignoree" in r or "erreur" in r:
                print(f"    {nom:<36} {r.get('ignoree') or 'ERREUR ' + r['erreur']}")
                if "erreur" in r:
                    manques.append(f"{m['taille']} {nom} : {r['erreur']}")
                continue
            _imprimer_requete(m["taille"], nom, r, manques)
        _imprimer_profils(m)
    return manques


def _imprimer_entete(m: dict) -> None:
    lignes = {t: f"{n:,}".replace(",", " ") for t, n in m["lignes"].items()}
    print(f"\n--- {m['taille']} : {national.TAILLES[m['taille']]} — jeunes {lignes['jeunes']}, "
          f"entrées {lignes['entrees_dispositif']}, situations {lignes['situations']} ---")
    print(f"    tables dérivées (observatoire/derive.py), construites une fois par version des données : "
          f"{m['derive_s']:.1f} s")
    print(f"    pandas : chargement unique {m['pandas_chargement_s']:.1f} s, RSS après chargement "
          f"{m['rss_pandas_charge_mo']:.0f} Mo (processus à {m['rss_base_mo']:.0f} Mo au départ, "
          f"{m['rss_duckdb_mo']:.0f} Mo après les requêtes DuckDB)")
    print(f"    {'requête':<36} {'lignes':>6} {'duckdb p50':>10} {'p95':>8} {'RSS max':>8} │ "
          f"{'pandas p50':>10} {'p95':>8} {'RSS max':>8} │ verdict")


def _colonnes_pandas(p: dict | None, d: dict, verdict: list[str]) -> str:
    if p is None:
        return f"{'pas d’équivalent pandas écrit':>30}"
    if "erreur" in p:
        return f"{'pandas : ' + p['erreur'][:21]:>30}"
    if p.get("ecart"):
        verdict.append(f"pandas ≠ SQL ({p['ecart']})")
    verdict.append(f"×{p['p95_ms'] / d['p95_ms']:.1f} vs pandas")
    return f"{_ms(p['p50_ms']):>10} {_ms(p['p95_ms']):>8} {p['rss_mo']:>6.0f}Mo"


def _verdict_cible(nom: str, r: dict, verdict: list[str], manques: list[str]) -> None:
    """The targets at the largest size: p95 within CIBLE_P95_MS, never slower than pandas on the extracts."""
    d, p = r["duckdb"], r.get("pandas")
    if not r.get("tableau_de_bord", True):
        verdict.insert(0, "hors tableau de bord (tests seulement) : pas de cible")
        return
    if d["p95_ms"] <= CIBLE_P95_MS:
        verdict.insert(0, f"≤ {CIBLE_P95_MS:.0f} ms ✓")
    else:
        verdict.insert(0, f"> {CIBLE_P95_MS:.0f} ms ✗ (+{d['p95_ms'] - CIBLE_P95_MS:.0f} ms)")
        manques.append(f"{nom} : p95 {d['p95_ms']:.0f} ms à 11 M (cible {CIBLE_P95_MS:.0f} ms)")
    if p and "p95_ms" in p and d["p95_ms"] > p["p95_ms"]:
        if r.get("lit_extraits", True):
            verdict.append("plus lent que pandas ✗")
            manques.append(f"{nom} : plus lent que pandas ({d['p95_ms']:.0f} vs {p['p95_ms']:.0f} ms)")
        else:  # a few hundred rows of a reference table: the same at every size
            verdict.append("plus lent que pandas, mais ne lit aucun extrait (taille fixe)")


def _imprimer_requete(taille: str, nom: str, r: dict, manques: list[str]) -> None:
    d = r["duckdb"]
    verdict: list[str] = []
    pcols = _colonnes_pandas(r.get("pandas"), d, verdict)
    if taille == TAILLE_CIBLE:
        _verdict_cible(nom, r, verdict, manques)
    if d["n"] < REPETITIONS:
        verdict.append(f"{d['n']} mesures (plus d'1 s chacune)")
    print(f"    {nom:<36} {r['lignes']:>6} {_ms(d['p50_ms']):>10} {_ms(d['p95_ms']):>8} "
          f"{d['rss_mo']:>6.0f}Mo │ {pcols} │ {'; '.join(verdict)}")


def _imprimer_profils(m: dict) -> None:
    for nom, r in m["requetes"].items():
        if "profil" in r:
            pr = r["profil"]
            print(f"    profil de {nom} ({pr['total_ms']:.0f} ms, {pr['fichier']}) :")
            for ms, op, card in pr["operateurs"]:
                print(f"        {ms:8.1f} ms  {op}  ({card:,} lignes)".replace(",", " "))


def main(tailles: list[str] | None = None) -> None:
    choix = tailles or [t for t in os.environ.get("BENCH_TAILLES", ",".join(national.TAILLES)).split(",") if t]
    print(f"Cibles : p95 ≤ {CIBLE_P95_MS:.0f} ms par requête à 11 M de lignes (2 cœurs), jamais plus lent que "
          f"pandas à cette taille ; {REPETITIONS} exécutions mesurées après 1 de chauffe, sans le cache de "
          "l'application.")
    national.main(choix)  # generate (or find cached) before timing
    mesures = []
    for taille in choix:
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            subprocess.run([sys.executable, "-m", "bench.queries", "--travailleur", taille, f.name, str(REPETITIONS)],
                           cwd=config.ROOT, check=True)
            mesures.append(json.loads(Path(f.name).read_text()))
    manques = imprimer(mesures)
    print(f"\n{charge_machine()} à la fin (load average 1 min)")
    print("\nCibles manquées :" if manques else "\nToutes les cibles des requêtes sont tenues.")
    for m in manques:
        print(f"  - {m}")
    print(ligne_verdict(mesures))


def ligne_verdict(mesures: list[dict]) -> str:
    """One line a script can read: how many dashboard queries meet the target at the largest size."""
    cible = next((m for m in mesures if m["taille"] == TAILLE_CIBLE), None)
    if cible is None:
        return f"queries: non mesuré à {TAILLE_CIBLE}"
    du_tableau = {n: r for n, r in cible["requetes"].items()
                  if "ignoree" not in r and r.get("tableau_de_bord", True)}
    tenues = sum(1 for r in du_tableau.values() if "erreur" not in r and r["duckdb"]["p95_ms"] <= CIBLE_P95_MS)
    return f"queries: {tenues}/{len(du_tableau)} within target"


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--travailleur":
        Path(sys.argv[3]).write_text(json.dumps(travailleur(sys.argv[2], int(sys.argv[4])), default=str))
    else:
        main(sys.argv[1:])
