"""Entrypoint: page set-up and the router. Pages live in pages/ and only draw."""
import streamlit as st

from observatoire.pages_registre import PAGES

st.set_page_config(
    page_title="Observatoire des Missions Locales de Normandie",
    page_icon="static/favicon.png",  # a local file: a material icon would be fetched from Google
    layout="wide",
)

sections: dict[str, list] = {}
for i, p in enumerate(PAGES):
    sections.setdefault(p.section, []).append(
        st.Page(f"pages/{p.fichier}", title=p.titre, icon=p.icone, default=(i == 0))
    )

st.navigation(sections, expanded=True).run()
