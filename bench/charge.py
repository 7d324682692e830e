"""A meeting room opening a shared link: SESSIONS browser sessions (contexts of one chromium, each with its
own empty cache) start at the same instant against one `streamlit run` server on the demonstration data,
and each opens the home page, then Territoires, then the CEJ page. For every load: time to content (see
bench/pages.py: script run over, headline visible, charts drawn), no exception element, no request
leaving the machine. Zero errors expected; p50/p95 of the time to content printed, and the server's CPU time
per page view (target ≤ CIBLE_CPU_PAR_VUE_S). Ends with one line `charge: …`; exits non-zero when a page raised
(a timing miss is a verdict, not a failure).

Bounded: SESSIONS sessions, 3 pages each, 180 s per page, 15 minutes in all; localhost only.

    python -m bench charge                 # BENCH_SESSIONS=25
"""
from __future__ import annotations

import asyncio
import os
import sys
import time
from urllib.parse import urlparse

import numpy as np

from bench import charge_machine, sans_navigateur
from bench.pages import CONTENU_PRET, _pid_serveur, url_de
from observatoire.pages_registre import PAGES
from tests.browser import navigateur

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "25"))
# BENCH_CHARGE_ONGLETS=1: the sessions are tabs of one context (one HTTP and code cache for all), which
# spares the simulated browsers, not the server: each tab is still its own Streamlit session.
ONGLETS = os.environ.get("BENCH_CHARGE_ONGLETS") == "1"
PARCOURS = [PAGES[0].fichier, "territoires.py", "cej.py"]
DELAI_PAGE_MS = 180_000
DELAI_TOTAL_S = 900
CIBLE_CPU_PAR_VUE_S = 0.15  # server CPU per page view in this run (issue 13)


async def _session(browser, base: str, numero: int, depart: asyncio.Event, partage=None) -> list[dict]:
    """One person: their own context (empty cache), or a tab of a shared context (cache shared)."""
    ctx = partage or await browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    bloquees: list[str] = []

    async def filtre(route):
        hote = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or hote in navigateur.HOTES_LOCAUX:
            await route.continue_()
        else:
            bloquees.append(route.request.url)
            await route.abort()

    page = await ctx.new_page()
    page.set_default_timeout(DELAI_PAGE_MS)  # navigation included: 25 pages load at once on 2 cores
    await page.route("**/*", filtre)
    await depart.wait()
    mesures = []
    try:
        for fichier in PARCOURS:
            page_def = next(p for p in PAGES if p.fichier == fichier)
            avant = len(bloquees)
            m = {"session": numero, "page": fichier, "ms": None, "erreur": None}
            try:
                await page.goto(url_de(base, page_def), wait_until="commit")
                poignee = await page.wait_for_function(CONTENU_PRET, arg=page_def.titre, timeout=DELAI_PAGE_MS)
                m["ms"] = float(await poignee.json_value())
                exceptions = await page.locator("[data-testid='stException']").all_inner_texts()
                if exceptions:
                    m["erreur"] = "exception : " + exceptions[0].splitlines()[0][:120]
            except Exception as exc:  # timeout, navigation error: counted, the others go on
                m["erreur"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
            if len(bloquees) > avant:
                m["erreur"] = (m["erreur"] or "") + f" requêtes hors machine : {bloquees[avant:][:2]}"
            mesures.append(m)
    finally:
        if partage is None:
            await ctx.close()
        else:
            await page.close()
    return mesures


async def _charge(base: str, sessions: int) -> tuple[list[dict], float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=navigateur.chromium(), headless=True,
                                          args=navigateur.ARGS_CHROMIUM)
        depart = asyncio.Event()
        partage = (await browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
                   if ONGLETS else None)
        taches = [asyncio.create_task(_session(browser, base, i, depart, partage)) for i in range(sessions)]
        await asyncio.sleep(1.0)  # every context ready, then all at once
        t0 = time.monotonic()
        depart.set()
        resultats = await asyncio.wait_for(asyncio.gather(*taches), timeout=DELAI_TOTAL_S)
        duree = time.monotonic() - t0
        await browser.close()
    return [m for r in resultats for m in r], duree


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (/proc/<pid>/stat, fields 14 and 15)."""
    champs = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    if sans_navigateur("test de charge"):
        return 0
    print(f"{SESSIONS} sessions simultanées ({'onglets d’un même contexte' if ONGLETS else 'un contexte chacune'}), "
          f"chacune : {' → '.join(PARCOURS)} (cache vide au départ) ; "
          f"{charge_machine()}", flush=True)
    port = navigateur.port_libre()
    with navigateur.serveur_app(port=port) as base:
        pid = _pid_serveur(port)
        cpu_avant = _cpu_s(pid)
        mesures, duree = asyncio.run(_charge(base, SESSIONS))
        cpu_serveur = _cpu_s(pid) - cpu_avant
    erreurs = [m for m in mesures if m["erreur"] or m["ms"] is None]
    print(f"    {len(mesures)} chargements en {duree:.1f} s, {len(erreurs)} erreur(s) ; le serveur streamlit a "
          f"consommé {cpu_serveur:.1f} s de processeur ({100 * cpu_serveur / duree:.0f} % d'un cœur), le reste "
          f"des {os.cpu_count()} cœurs va aux {SESSIONS} navigateurs simulés sur la même machine")
    print(f"    {'page':<18} {'n':>3} {'p50':>7} {'p95':>7} {'max':>7}  (temps jusqu'au contenu, ms)")
    for fichier in PARCOURS + ["toutes"]:
        t = [m["ms"] for m in mesures if m["ms"] is not None and fichier in (m["page"], "toutes")]
        if t:
            print(f"    {fichier.removesuffix('.py'):<18} {len(t):>3} {np.percentile(t, 50):>7.0f} "
                  f"{np.percentile(t, 95):>7.0f} {max(t):>7.0f}")
    for m in erreurs[:10]:
        print(f"    ERREUR session {m['session']} {m['page']} : {m['erreur']}")
    print("Zéro erreur : cible tenue." if not erreurs else f"Cible manquée : {len(erreurs)} erreur(s).")
    par_vue = cpu_serveur / max(len(mesures), 1)
    tenue = par_vue <= CIBLE_CPU_PAR_VUE_S
    print(f"    processeur du serveur par vue de page : {par_vue:.3f} s (cible ≤ {CIBLE_CPU_PAR_VUE_S} s) "
          f"{'✓' if tenue else '✗'}")
    exceptions = [m for m in erreurs if (m["erreur"] or "").startswith("exception")]
    print(f"charge: {par_vue:.3f} s CPU per page view, {'within' if tenue else 'over'} target "
          f"({CIBLE_CPU_PAR_VUE_S} s); {len(erreurs)} error(s), {len(exceptions)} page exception(s)")
    return 1 if exceptions else 0


if __name__ == "__main__":
    sys.exit(main())
