"""The presentation mode on screen (pages/presentation.py): the slides of observatoire/sorties/diapositives.py
in large type, readable from the back of a room, with the same content as the PowerPoint deck."""
from __future__ import annotations

import html

import streamlit as st

from observatoire.vue import graphiques as charts
from observatoire.provenance import Provenance
from observatoire.sorties.diapositives import Chiffre, Diapo


def css(plein_ecran: bool) -> str:
    """Large type readable from the back of a room; in full-screen mode, no menu, sidebar or toolbar."""
    base = """
<style>
[data-testid="stMarkdownContainer"] p.diapo-titre {font-size: 2.6rem; font-weight: 700; line-height: 1.2;
  color: #1a1a1a; margin: 0 0 1.2rem 0;}
[data-testid="stMarkdownContainer"] p.diapo-valeur {font-size: 4.6rem; font-weight: 800; line-height: 1.05;
  color: #1d4e89; margin: 0;}
[data-testid="stMarkdownContainer"] p.diapo-valeur.serre {font-size: 3.4rem;}
[data-testid="stMarkdownContainer"] p.diapo-libelle {font-size: 1.5rem; line-height: 1.3; color: #1a1a1a;
  margin: 0.2rem 0 0 0;}
[data-testid="stMarkdownContainer"] p.diapo-detail {font-size: 1.35rem; color: #1a1a1a; margin: 0.2rem 0 1.2rem 0;}
[data-testid="stMarkdownContainer"] p.diapo-pied {font-size: 1.05rem; color: #444444; margin-top: 0.8rem;}
[data-testid="stMarkdownContainer"] p.diapo-demo {font-size: 1.15rem; font-weight: 700; color: #9a3412;
  background: #fff4e5; padding: 0.3rem 0.7rem; border-radius: 0.3rem; display: inline-block;}
[data-testid="stMarkdownContainer"] p.diapo-compteur {font-size: 1.3rem; margin: 0.35rem 1rem 0 1rem;}
[data-testid="stMarkdownContainer"] p.diapo-lecture {font-size: 1.3rem; margin: 0.4rem 0 0 0;}
</style>
"""
    if not plein_ecran:
        return base
    return base + """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stSidebarNav"], header {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {padding: 1.2rem 2.5rem 1rem 2.5rem !important;
  max-width: 100% !important;}
[data-testid="stMarkdownContainer"] p.diapo-titre {font-size: 3.3rem;}
[data-testid="stMarkdownContainer"] p.diapo-valeur {font-size: 6rem;}
[data-testid="stMarkdownContainer"] p.diapo-valeur.serre {font-size: 4.2rem;}
[data-testid="stMarkdownContainer"] p.diapo-libelle {font-size: 1.9rem;}
[data-testid="stMarkdownContainer"] p.diapo-detail {font-size: 1.6rem;}
[data-testid="stMarkdownContainer"] p.diapo-pied {font-size: 1.25rem;}
.st-key-navigation_diapos button {padding: 0.5rem 1.4rem; min-height: 3rem;}
.st-key-navigation_diapos button p {font-size: 1.3rem;}
[data-testid="stMarkdownContainer"] p.diapo-compteur {font-size: 1.6rem;}
</style>
"""


def _graphique_grand(d: Diapo):
    """The slide's chart, taller and with type large enough for a projector."""
    chart = d.graphique.properties(width=760, height=560) if d.cle == "carte" else d.graphique.properties(height=440)
    return (chart.configure_axis(labelFontSize=20, titleFontSize=20)
            .configure_legend(labelFontSize=20, titleFontSize=20, symbolSize=250)
            .configure_text(fontSize=20))


def afficher(d: Diapo, numero: int, total: int, perimetre: str) -> None:
    """One slide in the page: the message, the big numbers, the chart and its reading, the source."""
    st.markdown(f'<p class="diapo-titre">{html.escape(d.titre, quote=False)}</p>', unsafe_allow_html=True)
    if d.provenance is Provenance.DEMO:
        st.markdown('<p class="diapo-demo">Données de démonstration : elles ne décrivent aucun territoire réel</p>',
                    unsafe_allow_html=True)

    def chiffres(liste: list[Chiffre], serre: bool = False) -> None:
        classe = "diapo-valeur serre" if serre else "diapo-valeur"  # four numbers beside a chart: smaller
        for c in liste:
            st.markdown(f'<p class="{classe}">{html.escape(c.valeur, quote=False)}</p>'
                        f'<p class="diapo-libelle">{html.escape(c.libelle, quote=False)}</p>'
                        f'<p class="diapo-detail">{html.escape(c.detail, quote=False) or "&nbsp;"}</p>',
                        unsafe_allow_html=True)

    if d.graphique is not None:
        gauche, droite = st.columns([1, 2], gap="large")
        with gauche:
            chiffres(d.chiffres[:4], serre=len(d.chiffres) > 3)
        with droite:
            charts.dessiner(_graphique_grand(d), cle=f"diapo_{d.cle}")
            st.markdown(f'<p class="diapo-lecture">{html.escape(d.lecture, quote=False)}</p>', unsafe_allow_html=True)
    else:
        colonnes = st.columns(max(1, len(d.chiffres)), gap="large")
        for col, c in zip(colonnes, d.chiffres):
            with col:
                chiffres([c])
    pied = f"{d.mention} — {perimetre} — diapositive {numero} sur {total}"
    st.markdown(f'<p class="diapo-pied">{html.escape(pied, quote=False)}</p>', unsafe_allow_html=True)
