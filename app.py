"""Entrypoint: page set-up and the router. Pages live in pages/ and only draw."""
import gc

import streamlit as st

from observatoire import db
from observatoire.vue import composants
from observatoire.pages_registre import PAGES

st.set_page_config(
    page_title="Observatoire des Missions Locales de Normandie",
    page_icon="static/favicon.png",  # a local file: a material icon would be fetched from Google
    layout="wide",
)

sections: dict[str, list] = {}
pages: dict[str, st.Page] = {}
for i, p in enumerate(PAGES):
    # The home page is served at /; its own name is left to the hidden page below (two pages cannot share one).
    pages[p.fichier] = st.Page(f"pages/{p.fichier}", title=p.titre, icon=p.icone, default=(i == 0),
                               url_path="accueil" if i == 0 else None)
    sections.setdefault(p.section, []).append(pages[p.fichier])


def _vers_l_accueil() -> None:
    """/chiffres_cles, the home page's own name, opens the home page (which lives at /), the link's parameters
    (?annee=2021&territoire=14) kept: a link written from the menu's title still works."""
    st.switch_page(pages["chiffres_cles.py"], query_params=st.query_params.to_dict())


# Hidden: no menu entry, only an address.
sections[PAGES[0].section].append(st.Page(_vers_l_accueil, title=PAGES[0].titre,
                                          url_path=PAGES[0].fichier.removesuffix(".py"), visibility="hidden"))
page = st.navigation(sections, expanded=True)
composants.styles_globaux()  # on every page: Streamlit's own export controls hidden (observatoire/vue/composants.py)
# ?presentation=1 on any address opens the slide show (a link written on a whiteboard, a bookmark).
presentation = pages["presentation.py"]
if st.query_params.get("presentation") == "1" and page.url_path != presentation.url_path:
    st.switch_page(presentation, query_params=st.query_params.to_dict())
with db.version_figee():  # one data version per run: read once, not at each of the run's ~100 cache lookups
    page.run()


@st.cache_resource(show_spinner=False)
def _figer_les_objets_durables(_page: str) -> bool:
    """Once per server process and page, after its first view: what is alive then (modules it imported,
    Altair and pandas internals, cached results) is moved out of the garbage collector's reach. Full
    collections then scan only what page views create: the slowest views lose ~100 ms (server p95 of the
    chart-heavy pages, bench.pages)."""
    gc.collect()
    gc.freeze()
    return True


_figer_les_objets_durables(page.url_path)
