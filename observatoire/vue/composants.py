"""Small drawing helpers shared by the pages: headline, figure cards, provenance badges, tables."""
from __future__ import annotations

import hashlib
import html

import pandas as pd
import streamlit as st

from observatoire import config, formats
from observatoire.vue import telechargements
from observatoire.provenance import AVERTISSEMENT_DEMO, SOURCE_RAPPORT, Provenance
from observatoire.publies import Indicateur
from observatoire.vue import publies as vue_publies

_CSS = """
<style>
[data-testid="stMarkdownContainer"] p.kpi-valeur {font-size: 2.4rem; font-weight: 700; line-height: 1.15;
  margin: 0.1rem 0 0.3rem 0; color: #1d4e89;}
[data-testid="stMarkdownContainer"] p.kpi-libelle {font-size: 1rem; margin: 0; color: #1a1a1a;}
[data-testid="stMarkdownContainer"] p.kpi-delta {font-size: 1rem; margin: 0 0 0.3rem 0;}
p.kpi-delta.baisse {color: #9c2b23;} p.kpi-delta.hausse {color: #1e6b34;}
</style>
"""


# Loaded on every page by app.py. Streamlit's own export controls bypass what every file of the
# observatory carries (French CSV, title, source, scope, provenance, date, the chart's caveat, secrecy note,
# formula neutralising; PNG at 2× with its title): the tables' and charts' "Download as CSV/PNG" and the
# charts' "Copy Vega-Lite spec" are hidden — the buttons under each table and chart replace them. Search,
# fullscreen and "Show data" stay. Vega-embed's own menu ("Save as PNG/SVG", "Open in Vega Editor", which
# sends the spec to an outside website) is already switched off by Streamlit (embed option actions=false,
# usermeta.embedOptions sanitised): hidden here too should a version bring it back. The button itself is
# hidden for browsers without :has(), its toolbar slot for the others.
CSS_GLOBAL = """
<style>
[data-testid="stElementToolbar"] button[aria-label^="Download as "],
[data-testid="stElementToolbar"] button[aria-label^="Copy Vega-Lite spec"],
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as "]),
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Copy Vega-Lite spec"]),
.vega-embed > details, .vega-embed .vega-actions {display: none !important;}
</style>
"""


def styles_globaux() -> None:
    """CSS shared by every page (app.py); a block of style only takes no room on the page."""
    st.html(CSS_GLOBAL)


def _router_par_app_py() -> None:
    """Makes sure the page runs through app.py's st.navigation, never Streamlit's legacy pages/ menu.

    Streamlit decides at its first script run whether the app "uses the pages directory"; when the
    very first request of a server is a deep link (/publics?territoire=14, a link shared in a
    meeting), it runs pages/publics.py directly with a menu of raw file names, and keeps doing so
    for every later session until someone opens the root. st.navigation clears that flag, so we
    clear it and rerun: the rerun goes through app.py, which routes to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def entete(titre: str, chapeau: str | None = None) -> None:
    _router_par_app_py()
    st.markdown(_CSS, unsafe_allow_html=True)
    st.title(titre)
    if chapeau:
        st.markdown(chapeau)


def badge(provenance: Provenance, aide: str | None = None) -> None:
    st.badge(provenance.libelle, icon=provenance.icone, color=provenance.couleur, help=aide)


def avertir_demo() -> None:
    st.warning(AVERTISSEMENT_DEMO, icon=":material/science:")


def carte(libelle: str, valeur: str, provenance: Provenance, source: str,
          delta: str | None = None, sens: int = 0, complement: str | None = None,
          aide: str | None = None) -> None:
    """One figure: its value in French format, its change, where it comes from."""
    with st.container(border=True):
        st.markdown(f'<p class="kpi-libelle">{html.escape(libelle)}</p>'
                    f'<p class="kpi-valeur">{html.escape(valeur)}</p>', unsafe_allow_html=True)
        if delta:
            classe = "baisse" if sens < 0 else "hausse" if sens > 0 else ""
            fleche = "▼" if sens < 0 else "▲" if sens > 0 else "■"
            st.markdown(f'<p class="kpi-delta {classe}">{fleche} {html.escape(delta)}</p>',
                        unsafe_allow_html=True)
        if complement:
            st.markdown(complement)
        badge(provenance, aide)
        st.caption(f"Source : {source}")


def dessiner_blocs(blocs) -> None:
    """The report's figures laid out as data (observatoire/publication/blocs.py): titles, cards, texts, captions."""
    for bloc in blocs:
        if bloc.genre == "titre":
            st.header(bloc.texte, divider="gray")
        elif bloc.genre == "sous_titre":
            st.subheader(bloc.texte)
        elif bloc.genre == "texte":
            st.markdown(bloc.texte)
        elif bloc.genre == "legende":
            st.caption(bloc.texte)
        else:
            colonnes = st.columns(bloc.colonnes)
            for k, (id_, libelle, complement) in enumerate(bloc.cartes):
                with colonnes[k % bloc.colonnes]:
                    carte_publiee(vue_publies.indicateur(id_), libelle=libelle, complement=complement)


def carte_publiee(ind: Indicateur, delta: Indicateur | None = None, libelle: str | None = None,
                  complement: str | None = None) -> None:
    """A card for a figure of the report, with the change the report gives, if any."""
    delta_txt = None
    sens = 0
    if delta is not None:
        delta_txt = f"{formats.variation(delta.valeur)} par rapport à {ind.annee - 1}"
        sens = -1 if delta.valeur < 0 else 1 if delta.valeur > 0 else 0
    aide = ind.note or None
    if ind.statut == "dérivé":
        aide = f"Formule : {ind.formule}" + (f" — {ind.note}" if ind.note else "")
    carte(libelle or ind.libelle, ind.texte, ind.provenance, ind.citation, delta_txt, sens, complement, aide)


# Columns of a table read on a 390 px phone too: the label wraps on up to three lines in a column of
# fixed width, the value sits right after it, both visible without scrolling sideways (tested in
# tests/browser/test_exports_browser.py); on a wider screen the columns stretch to the table's width.
HAUTEUR_LIGNE_3_LIGNES = 70  # px; Streamlit wraps cell text only above 4rem (64 px)
COLONNES_PUBLIES = {
    "Indicateur": st.column_config.TextColumn("Indicateur", width=210),
    "Valeur": st.column_config.TextColumn("Valeur", width=95, alignment="right"),
    "Provenance": st.column_config.TextColumn("Provenance", width=150),
    "Section du rapport": st.column_config.TextColumn("Section du rapport", width=160),
    # 905 px in all: the whole table fits the main column of a 1366 px screen beside the sidebar.
    "Note": st.column_config.TextColumn("Note", width=290, help="Formule d'un chiffre dérivé, réserve sur un "
                                        "appariement\u202f; un clic sur la cellule l'affiche en entier"),
}
TITRE_PUBLIES = f"Chiffres publiés du rapport d'activité {config.ANNEE_RAPPORT}"


def _note_publiee(i: Indicateur) -> str:
    # A derived figure shows its formula and, when it is approximate, why (a rounded published change…).
    return " — ".join(filter(None, [f"= {i.formule}" if i.statut == "dérivé" else "", i.note]))


# The report's sections as the catalogue names them (Données & exports).
THEMES = {
    "publics": "Publics accompagnés", "cej": "Contrat d'Engagement Jeune", "emploi": "Emploi",
    "formation": "Formation", "vigie": "VIGIE Jeunesse", "obligation_formation": "Obligation de formation",
    "justice": "Justice", "handicap": "Handicap", "logement": "Logement", "sante": "Santé",
    "sante_enquete": "Enquête santé ORS-CREAI", "citoyennete": "Citoyenneté", "mobilite": "Mobilité",
    "plan_formation": "Plan régional de formation", "communication": "Communication", "equipe": "Équipe de l'ARML",
    "gouvernance": "Gouvernance", "mutualisation": "Mutualisation", "labellisation": "Labellisation",
    "objectif_planete": "Objectif Planète",
}


def fichier_catalogue(inds: list[Indicateur]) -> pd.DataFrame:
    """The catalogue of published figures as its CSV and XLSX hold it: the theme, then what fichier_publies
    gives, the formula and the note in one column (as on screen: a derived figure's note says why its
    formula is approximate), so that the printed catalogue stays one page wide."""
    df = fichier_publies(inds).drop(columns=["Formule", "Note"])
    df.insert(0, "Thème", [THEMES.get(i.theme, i.theme) for i in inds])
    # "Formule : …" rather than the screen's "= …": a text starting with "=" gets an apostrophe in files.
    df.insert(len(df.columns) - 1, "Formule et note", [_note_publiee(i).replace("= ", "Formule : ", 1)
                                                       if i.statut == "dérivé" else i.note for i in inds])
    return df


def fichier_publies(inds: list[Indicateur]) -> pd.DataFrame:
    """The published figures as a file reads them: the value as a number beside its unit (French Excel
    reads it as one), the year as a number (printed "2022": tableurs formats a column of years without a
    thousands separator), the formula apart from the note, the identifier."""
    return pd.DataFrame({
        "Indicateur": [i.libelle for i in inds],
        "Valeur": [i.valeur for i in inds],
        "Unité": [i.unite for i in inds],
        "Année": [i.annee for i in inds],
        "Périmètre": [i.perimetre for i in inds],
        "Provenance": [i.provenance.libelle for i in inds],
        "Section du rapport": [i.source for i in inds],
        "Formule": [i.formule if i.statut == "dérivé" else "" for i in inds],
        "Note": [i.note for i in inds],
        "Identifiant": [i.id for i in inds],
    })


def tableau_publies(inds: list[Indicateur], titre: str | None = None, cle: str | None = None) -> None:
    """The published figures of a section as a table, with their provenance, and its CSV/XLSX files.

    `titre` names the files (default: the report's figures, with their section when there are one or
    two); `cle` must be unique on the page (default: drawn from the figures' identifiers)."""
    df = pd.DataFrame({
        "Indicateur": [i.libelle for i in inds],
        "Valeur": [i.texte for i in inds],
        "Provenance": [i.provenance.libelle for i in inds],
        "Section du rapport": [i.source for i in inds],
        "Note": [_note_publiee(i) for i in inds],
    })
    st.dataframe(df, hide_index=True, width="stretch", column_config=COLONNES_PUBLIES,
                 row_height=HAUTEUR_LIGNE_3_LIGNES)
    if not inds:
        return
    sections = f"{formats.NNBSP}; ".join(dict.fromkeys(i.source for i in inds))
    if titre is None:
        titre = TITRE_PUBLIES + (f" — {sections}" if len({i.source for i in inds}) <= 2 else "")
    cle = cle or "publies_" + hashlib.sha1("|".join(i.id for i in inds).encode()).hexdigest()[:10]
    derive = any(i.statut == "dérivé" for i in inds)
    telechargements.boutons_tableau(fichier_publies(inds), titre=titre, cle=cle,
                            source=f"{SOURCE_RAPPORT} – {sections}",
                            provenance=Provenance.DERIVE if derive else Provenance.PUBLIE)
