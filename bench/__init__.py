"""Benchmarks (`make bench`): speed and memory targets live here, never in timed tests."""
from __future__ import annotations

import os


def charge_machine() -> str:
    """The machine's load, printed beside every measure: these machines are shared."""
    return f"charge de la machine : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœurs"


def sans_navigateur(mesure: str) -> bool:
    """True, and says so, when no chromium can run the browser measures (`mesure`: what is skipped)."""
    from tests.browser import navigateur  # noqa: PLC0415  (playwright only where a browser is measured)

    if navigateur.chromium() is None:
        print(f"chromium absent : {mesure} impossible (apt-get install chromium)")
        return True
    return False
