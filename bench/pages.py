"""Page timings on the demonstration data, and the app's memory at national scale.

1. Server side: every page run with AppTest (the page script, its queries and the router), the first run
   (queries not yet cached) then RUNS reruns: p50/p95. Target ≤ 300 ms.
2. Browser: every page opened in a fresh chromium context (empty cache, as a shared link opened for the
   first time) against `streamlit run`, every non-localhost request blocked; time to content = from
   navigation start to the app settled (script run over) with the page headline visible, no placeholder left
   (lazily loaded charts, tables, the map's frame) and every chart drawn, read in the page (performance.now()).
   p50/p95 over RUNS loads. Target ≤ 2 s.
3. National scale: `streamlit run` on the ten-year national extracts (bench/national.py, ~11 million
   young people), every page opened once, then the server process's resident memory (VmRSS) and its
   peak (VmHWM) read from /proc. Target < 1 GB.

    python -m bench pages                 # BENCH_PAGES_RUNS=5 by default
"""
from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from bench import charge_machine, sans_navigateur
from observatoire.pages_registre import PAGES, PageDef
from tests.browser import navigateur

RUNS = int(os.environ.get("BENCH_PAGES_RUNS", "5"))
CIBLE_SERVEUR_MS = 300
CIBLE_CONTENU_MS = 2000
CIBLE_RSS_MO = 1024

# In the page: true (the time since navigation start, ms) once the run is over, the headline shown, no element
# still a placeholder and every chart drawn; polled at each animation frame by wait_for_function. The
# placeholders matter: Streamlit's charts and tables are loaded lazily, a skeleton stands in their place
# until their code has arrived, and a chart is only in the page 0,4 to 0,7 s after the run is over.
CONTENU_PRET = """(titre) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const h1 = [...document.querySelectorAll("[data-testid='stMain'] h1")].find(h => h.innerText.includes(titre));
  if (!h1 || !h1.offsetParent) return false;
  if (document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")) return false;
  const graphiques = [...document.querySelectorAll("[data-testid='stVegaLiteChart']")];
  if (!graphiques.every(g => !g.offsetParent || g.querySelector('svg, canvas'))) return false;  // shown ones
  return performance.now();
}"""


def url_de(base: str, page_def: PageDef) -> str:
    return base + "/" + ("" if page_def.fichier == PAGES[0].fichier else page_def.fichier.removesuffix(".py"))


def temps_jusqu_au_contenu(page, page_def: PageDef, timeout_ms: int = 60_000) -> float:
    """Time to content of the page just navigated to, in ms since navigation start."""
    return float(page.wait_for_function(CONTENU_PRET, arg=page_def.titre, timeout=timeout_ms).json_value())


def p(valeurs: list[float], q: float) -> float:
    return float(np.percentile(valeurs, q))


def _ms(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


# --- 1. Server side -------------------------------------------------------------------------------------

def mesurer_serveur(runs: int = RUNS) -> dict[str, dict]:
    from streamlit.testing.v1 import AppTest

    from tests.outils import APP

    # AppTest runs the router outside a server: Streamlit warns "missing ScriptRunContext" at each run
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    resultats = {}
    for page_def in PAGES:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        t0 = time.perf_counter()
        if page_def is not PAGES[0]:
            at.switch_page(f"pages/{page_def.fichier}")
        at.run()
        premier = (time.perf_counter() - t0) * 1000
        temps = []
        for _ in range(runs):
            t0 = time.perf_counter()
            at.run()
            temps.append((time.perf_counter() - t0) * 1000)
        resultats[page_def.fichier] = {"premier_ms": premier, "p50_ms": p(temps, 50), "p95_ms": p(temps, 95),
                                       "exception": bool(at.exception)}
    return resultats


# --- 2. and 3. In the browser ---------------------------------------------------------------------------

def _navigateur(p_):
    return p_.chromium.launch(executable_path=navigateur.chromium(), headless=True, args=navigateur.ARGS_CHROMIUM)


def ouvrir_mesurer(browser, base: str, page_def: PageDef, timeout_ms: int = 60_000, visites: int = 1) -> dict:
    """Loads in a fresh context: the first with an empty browser cache (a shared link opened for the first
    time), the next ones with the cache filled (Streamlit's ~3 MB of JavaScript already there)."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    hors_ligne = navigateur.Hors_ligne()
    page = ctx.new_page()
    page.route("**/*", hors_ligne)
    temps = []
    try:
        for _ in range(visites):
            page.goto(url_de(base, page_def), wait_until="commit")
            temps.append(temps_jusqu_au_contenu(page, page_def, timeout_ms))
        return {"ms": temps[0], "ms_cache": temps[1:], "exceptions": navigateur.exceptions(page),
                "bloquees": hors_ligne.bloquees}
    except Exception as exc:  # e.g. no headline because the page failed: say why if the page shows it
        return {"ms": None, "ms_cache": [], "erreur": f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}",
                "exceptions": navigateur.exceptions(page), "bloquees": hors_ligne.bloquees}
    finally:
        ctx.close()


def mesurer_navigateur(runs: int = RUNS, env: dict | None = None, timeout_ms: int = 60_000) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    resultats: dict[str, dict] = {}
    with navigateur.serveur_app(env=env) as base, sync_playwright() as p_:
        browser = _navigateur(p_)
        for page_def in PAGES:  # one unmeasured load per page: the server's first run fills its caches
            ouvrir_mesurer(browser, base, page_def, timeout_ms)
        for page_def in PAGES:
            mesures = [ouvrir_mesurer(browser, base, page_def, timeout_ms, visites=2) for _ in range(runs)]
            froid = [m["ms"] for m in mesures if m["ms"] is not None]
            chaud = [t for m in mesures for t in m["ms_cache"]]
            resultats[page_def.fichier] = {
                "p50_ms": p(froid, 50) if froid else None, "p95_ms": p(froid, 95) if froid else None,
                "cache_p50_ms": p(chaud, 50) if chaud else None, "cache_p95_ms": p(chaud, 95) if chaud else None,
                "erreurs": [m.get("erreur") for m in mesures if m.get("erreur")]
                + [e.splitlines()[0] for m in mesures for e in m["exceptions"]][:3],
                "bloquees": sorted({u for m in mesures for u in m["bloquees"]})}
        browser.close()
    return resultats


def _pid_serveur(port: int) -> int | None:
    """The `streamlit run` process listening on this port, found by its command line."""
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            args = (d / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and b"--server.port" in args and \
                args[args.index(b"--server.port") + 1] == str(port).encode():
            return int(d.name)
    return None


def _memoire_mo(pid: int) -> dict[str, float]:
    champs = {}
    for ligne in Path(f"/proc/{pid}/status").read_text().splitlines():
        cle, _, valeur = ligne.partition(":")
        if cle in ("VmRSS", "VmHWM"):
            champs[cle] = int(valeur.split()[0]) / 1024
    return champs


def memoire_echelle_nationale(taille: str = "national_10ans") -> dict:
    """RSS of a real server on the national extracts after every page has been opened once."""
    from playwright.sync_api import sync_playwright

    from bench import national

    dossier = national.preparer(taille)
    port = navigateur.port_libre()
    pages = {}
    with navigateur.serveur_app(port=port, env={"OBSERVATOIRE_DATA_DIR": str(dossier)}) as base, \
            sync_playwright() as p_:
        pid = _pid_serveur(port)
        depart = _memoire_mo(pid)
        browser = _navigateur(p_)
        for page_def in PAGES:
            pages[page_def.fichier] = ouvrir_mesurer(browser, base, page_def, timeout_ms=180_000)
        browser.close()
        fin = _memoire_mo(pid)
    return {"taille": taille, "lignes": national.lignes(dossier), "depart": depart, "fin": fin, "pages": pages}


# --- Report ---------------------------------------------------------------------------------------------

def main() -> int:
    """Prints the measures and their verdicts; 1 when a page raised on the national extracts."""
    warnings.filterwarnings("ignore")
    if sans_navigateur("mesures navigateur"):
        return 0
    print(f"Cibles : exécution serveur ≤ {CIBLE_SERVEUR_MS} ms, contenu affiché ≤ {CIBLE_CONTENU_MS / 1000:.0f} s "
          f"(données de démonstration) ; processus de l'application < 1 Go à l'échelle nationale. "
          f"{RUNS} mesures par page.", flush=True)
    serveur = mesurer_serveur()
    nav = mesurer_navigateur()
    manques: list[str] = []
    manques_nationaux: list[str] = []
    print(f"\n    {charge_machine()} (load average 1 min)")
    print(f"\n    {'page':<26} │ {'serveur 1er':>11} {'p50':>6} {'p95':>6} │ {'contenu p50':>11} {'p95':>6} │ "
          f"{'avec cache p50':>14} {'p95':>6} │ verdict")
    for page_def in PAGES:
        s, n = serveur[page_def.fichier], nav[page_def.fichier]
        verdict = []
        if s["p95_ms"] > CIBLE_SERVEUR_MS:
            verdict.append(f"serveur +{s['p95_ms'] - CIBLE_SERVEUR_MS:.0f} ms ✗")
            manques.append(f"{page_def.fichier} : serveur p95 {s['p95_ms']:.0f} ms")
        if n["p95_ms"] is None or n["p95_ms"] > CIBLE_CONTENU_MS:
            verdict.append("contenu ✗")
            manques.append(f"{page_def.fichier} : contenu p95 {n['p95_ms'] or 0:.0f} ms (cache vide)")
        if s["exception"] or n["erreurs"] or n["bloquees"]:
            verdict.append(f"erreurs {n['erreurs'][:1]} {n['bloquees'][:1]} exception serveur={s['exception']}"[:160])
            manques.append(f"{page_def.fichier} : erreurs")
        contenu = (f"{_ms(n['p50_ms']):>11} {_ms(n['p95_ms']):>6} │ {_ms(n['cache_p50_ms']):>14} "
                   f"{_ms(n['cache_p95_ms']):>6}" if n["p95_ms"] is not None and n["cache_p95_ms"] is not None
                   else f"{'échec':>41}")
        print(f"    {page_def.fichier.removesuffix('.py'):<26} │ {_ms(s['premier_ms']):>11} {_ms(s['p50_ms']):>6} "
              f"{_ms(s['p95_ms']):>6} │ {contenu} │ {'; '.join(verdict) or '✓'}", flush=True)

    if os.environ.get("BENCH_PAGES_NATIONAL", "1") != "0":
        m = memoire_echelle_nationale()
        print(f"\n    Application sur les extraits nationaux ({m['taille']}, "
              f"{m['lignes']['jeunes']:,} jeunes) : chaque page ouverte une fois".replace(",", " "))
        for fichier, r in m["pages"].items():
            etat = f"{_ms(r['ms'])} ms" if r["ms"] is not None else r.get("erreur", "échec")
            if r["exceptions"]:
                etat += f" — exception : {r['exceptions'][0].splitlines()[0][:100]}"
                manques_nationaux.append(f"{fichier} : exception sur les extraits nationaux")
            elif r["ms"] is None:
                manques_nationaux.append(f"{fichier} : contenu non affiché sur les extraits nationaux")
            print(f"        {fichier.removesuffix('.py'):<26} contenu en {etat}")
        rss, pic = m["fin"]["VmRSS"], m["fin"]["VmHWM"]
        ok = pic < CIBLE_RSS_MO
        print(f"    RSS du processus streamlit : {m['depart']['VmRSS']:.0f} Mo au démarrage, {rss:.0f} Mo après "
              f"toutes les pages, pic {pic:.0f} Mo — cible < {CIBLE_RSS_MO} Mo {'✓' if ok else '✗'}")
        if not ok:
            manques.append(f"mémoire : pic {pic:.0f} Mo à l'échelle nationale")
        manques += manques_nationaux
    print("\nCibles manquées :" if manques else "\nToutes les cibles des pages sont tenues.")
    for m_ in manques:
        print(f"  - {m_}")
    print(f"pages: {len(PAGES) - len({m_.split(' :')[0] for m_ in manques if m_.endswith('.py') or '.py :' in m_})}"
          f"/{len(PAGES)} within target" + (" ; ERREUR : une page lève une exception sur les extraits nationaux"
                                            if manques_nationaux else ""))
    return 1 if manques_nationaux else 0


if __name__ == "__main__":
    sys.exit(main())
