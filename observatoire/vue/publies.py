"""The published figures as the pages look them up: each lookup records the figure as shown in the session, so
that the tests can check that every figure of the report is displayed on at least one page
(tests/test_couverture_indicateurs.py). The figures themselves are observatoire/publies.py's."""
from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from observatoire.publies import Indicateur, tous

CLE_AFFICHES = "_indicateurs_affiches"


def _noter_affiche(ids: list[str]) -> None:
    try:
        st.session_state.setdefault(CLE_AFFICHES, set()).update(ids)
    except Exception:  # outside a Streamlit run (a test calling a page's helper directly)
        pass


def indicateur(id_: str) -> Indicateur:
    ind = tous()[id_]
    _noter_affiche([id_])
    return ind


def du_theme(theme: str) -> list[Indicateur]:
    inds = [i for i in tous().values() if i.theme == theme]
    _noter_affiche([i.id for i in inds])
    return inds


def noter_affiches(ids: Iterable[str]) -> None:
    """Records figures a page shows without looking them up here (a publication module's result names them)."""
    _noter_affiche(list(ids))
