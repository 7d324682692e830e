"""The shared sidebar filters of every page that shows extracts: year and territory.

The URL carries them as short codes, so that a link opens the same view: ?annee=2022&territoire=14-CAE
(territoire: absent or 'normandie' for the region, a department '14', or a Mission Locale '14-CAE').
Inside the app the region's code is config.REGION ('Normandie'), as in queries/territoires_normandie.sql;
the URL accepts it in any case.

Why not `bind="query-params"`: Streamlit writes the *displayed label* of a bound selectbox into the URL
("Mission Locale Caen la Mer Calvados Centre"); we want the code. So the widgets keep their value in
session_state (persisting across pages of the session) and this module mirrors it to and from the URL.
"""
from __future__ import annotations

import streamlit as st

from observatoire import config
from observatoire.publication.perimetre import REGION, Filtres, annees, note_annees, selection, territoires

CLE_ANNEE = "annee"
CLE_TERRITOIRE = "territoire"


def _normaliser_territoire(valeur) -> str | None:
    if valeur is None:
        return None
    v = str(valeur).strip()
    return REGION if v.lower() == REGION.lower() else v.upper()


def _depuis_url(cle: str, valeurs: list, defaut, convertir) -> None:
    """Before the widget: a valid value in the URL wins (a shared link, the back button); otherwise the
    value kept in the session stays (the menu drops the URL's parameters when changing page)."""
    brut = st.query_params.get(cle)
    try:
        v = convertir(brut) if brut is not None else None
    except (TypeError, ValueError):
        v = None
    if v in valeurs:
        st.session_state[cle] = v
    elif st.session_state.get(cle) not in valeurs:
        st.session_state[cle] = defaut


def _vers_url(cle: str, valeur, defaut) -> None:
    """The URL shows the value unless it is the default, to keep links short."""
    if valeur == defaut:
        if cle in st.query_params:
            del st.query_params[cle]
    elif st.query_params.get(cle) != str(valeur):
        st.query_params[cle] = str(valeur)


def _au_changement(cle: str, defaut):
    # Runs before the script on a change of the widget, so that the URL read at the top is already new.
    return lambda: _vers_url(cle, st.session_state[cle], defaut)


def choix_dans_url(widget, libelle: str, options: list, *, cle: str, defaut, convertir=str, **kwargs):
    """A selectbox or radio whose value lives in the URL under `cle` (for shared links), defaulting to `defaut`."""
    _depuis_url(cle, options, defaut, convertir)
    valeur = widget(libelle, options, key=cle, on_change=_au_changement(cle, defaut), **kwargs)
    _vers_url(cle, valeur, defaut)
    return valeur


def barre_laterale(*, avec_annee: bool = True, avec_territoire: bool = True) -> Filtres:
    """Draws the year and territory selectors in the sidebar and returns the selection."""
    ans = annees()
    liste_annees = [int(a) for a in ans["annee"]] or [config.ANNEE_RAPPORT]
    annee_defaut = config.ANNEE_RAPPORT if config.ANNEE_RAPPORT in liste_annees else liste_annees[0]
    terr = territoires()
    codes = terr["code"].tolist()
    libelles = dict(zip(terr["code"], terr["libelle"]))

    with st.sidebar:
        if avec_annee:
            annee = choix_dans_url(st.selectbox, "Année", liste_annees, cle=CLE_ANNEE, defaut=annee_defaut,
                                   convertir=int, persist_state="session",
                                   help="Années présentes dans les extraits (données de démonstration ou importées).")
        else:
            annee = annee_defaut
        if avec_territoire:
            code = choix_dans_url(st.selectbox, "Territoire", codes, cle=CLE_TERRITOIRE, defaut=REGION,
                                  convertir=_normaliser_territoire, format_func=libelles.get,
                                  persist_state="session", help="La Normandie, un département ou une Mission Locale.")
        else:
            code = REGION
        st.caption(note_annees(ans))

    return selection(annee, code)


def perimetre() -> tuple[int, str]:
    """Year and territory code chosen in the sidebar (drawn here), as telechargements.choisir_perimetre asks."""
    f = barre_laterale()
    return f.annee, f.code
