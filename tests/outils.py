"""Helpers shared by the server-side tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def lancer(page: str | None = None, timeout: int = 120, **session) -> AppTest:
    """Runs the app (optionally switching to pages/<page>), with session_state values set first."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}").run()
    return at


def textes(at: AppTest) -> str:
    """Everything a reader sees as text on the page (markdown, captions, titles, metrics)."""
    parties = [t.value for t in at.title] + [h.value for h in at.subheader] + [m.value for m in at.markdown]
    parties += [c.value for c in at.caption] + [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parties)
