"""Download buttons under every chart and table, and the scope (year, territory) the reader has chosen.

The files themselves are built by observatoire/sorties/tableurs.py (no streamlit there); this module only
draws the buttons, each building its file when clicked (st.download_button with a callable).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from observatoire import config
from observatoire.provenance import Provenance
from observatoire.sorties.tableurs import (MIME, Contexte, csv_fr, libelle_territoire, nom_fichier, notes_de, png, svg,
                                           xlsx)


# --- scope of the page being shown ----------------------------------------------------------------

def perimetre_courant(annee: int | None = None, territoire: str | None = None) -> str:
    """The scope the reader has chosen (URL parameters "annee" and "territoire"), as a label."""
    try:
        etat = st.session_state
        annee = annee or etat.get("annee")
        territoire = territoire or etat.get("territoire")
    except Exception:  # outside a Streamlit run
        pass
    annee = annee or config.ANNEE_RAPPORT
    return f"{libelle_territoire(territoire)}, {annee}"


def perimetre_de(provenance: Provenance | None) -> str:
    """Published (or derived) figures describe the region in the report's year, whatever the sidebar says."""
    if provenance in (Provenance.PUBLIE, Provenance.DERIVE):
        return f"{config.REGION}, {config.ANNEE_RAPPORT} (rapport d'activité)"
    return perimetre_courant()


def choisir_perimetre() -> tuple[int, str]:
    """Year and territory chosen in the app's shared sidebar filters (observatoire/vue/filtres.py), which keep
    them in the URL as codes (?annee=2021&territoire=14) so that a link reopens the same view."""
    from observatoire.vue import filtres  # noqa: PLC0415

    annee, territoire = filtres.perimetre()
    return int(annee), str(territoire or config.REGION)


def selection_liee_a_l_url(cle: str, libelle: str, options: list, defaut, format_func=str, conteneur=None,
                           aide: str | None = None):
    """A selectbox whose value is the URL parameter `cle` (absent when it is the default), so that a
    link reopens the same view; in the sidebar unless another container is given. The URL holds the
    option itself (a code), not its label: `bind="query-params"` would write the formatted label."""
    par_texte = {str(o): o for o in options}

    def vers_url() -> None:
        valeur = st.session_state[cle]
        if valeur == defaut:
            st.query_params.pop(cle, None)
        else:
            st.query_params[cle] = str(valeur)

    brut = st.query_params.get(cle)
    if brut in par_texte:  # a link (or the back button) wins over the session
        st.session_state[cle] = par_texte[brut]
    elif st.session_state.get(cle) not in options:
        st.session_state[cle] = defaut
    conteneur = conteneur if conteneur is not None else st.sidebar
    valeur = conteneur.selectbox(libelle, options, format_func=format_func, key=cle, on_change=vers_url, help=aide)
    vers_url()
    return valeur


# --- buttons --------------------------------------------------------------------------------------

def _boutons(formats_: dict[str, callable], ctx: Contexte, cle: str) -> None:
    libelles = {"csv": "CSV (Excel)", "xlsx": "XLSX", "png": "PNG", "svg": "SVG"}
    with st.container(horizontal=True, key=f"exports_{cle}", gap="small"):
        for ext, construire in formats_.items():
            st.download_button(
                libelles[ext], data=construire, file_name=nom_fichier(ctx.titre, ctx.perimetre, ext),
                mime=MIME[ext], key=f"export_{ext}_{cle}", icon=":material/download:",
                on_click="ignore", help=f"Télécharger « {ctx.titre} » ({ctx.perimetre}) en {ext.upper()}")


def boutons_graphique(chart, *, titre: str, donnees: pd.DataFrame, source: str,
                      provenance: Provenance | None, cle: str, perimetre: str | None = None,
                      note: str | None = None, avertissements: tuple[str, ...] = ()) -> None:
    """Download buttons under a chart: its data as CSV and XLSX, the chart as PNG (2×) and SVG.
    Files are built only when clicked (st.download_button with a callable). `note` is the caveat shown
    under the chart: it goes into every file (metadata line, or the image's subtitle), and so do the
    `avertissements` (uncertain pairings, formulas of derived figures) the page shows beside it."""
    ctx = Contexte(titre=titre, source=source, perimetre=perimetre or perimetre_de(provenance),
                   provenance=provenance, notes=notes_de(note) + tuple(avertissements))
    _boutons({"csv": lambda: csv_fr(donnees, ctx), "xlsx": lambda: xlsx(donnees, ctx),
              "png": lambda: png(chart, ctx), "svg": lambda: svg(chart, ctx)}, ctx, cle)


def boutons_tableau(df: pd.DataFrame, *, titre: str, source: str, cle: str,
                    provenance: Provenance | None = None, perimetre: str | None = None,
                    note: str | None = None) -> None:
    """Download buttons under a table: CSV (French Excel) and XLSX, with the table's caveat if any."""
    ctx = Contexte(titre=titre, source=source, perimetre=perimetre or perimetre_de(provenance),
                   provenance=provenance, notes=notes_de(note))
    _boutons({"csv": lambda: csv_fr(df, ctx), "xlsx": lambda: xlsx(df, ctx)}, ctx, cle)
