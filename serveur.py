"""The server: `streamlit run serveur.py` (make run) serves app.py, with Streamlit's front end from memory.

Streamlit finds `app` below and runs it with its own uvicorn; the options of .streamlit/config.toml and of the
command line apply as with `streamlit run app.py` (which still works: it is what AppTest runs).

Before the first visitor, the modules that page views import are imported here, once (folium, Altair,
mapclassify and SciPy, our view package): without it, the first view of the home page and of the map costs
1,2 to 1,4 s of server CPU each, 0,3 to 0,7 s with it, and a meeting room opening the same link at once would
all wait for those imports. Server start takes ~2 s more.
"""
import importlib
import pkgutil

import streamlit as st
from starlette.middleware import Middleware

import observatoire.publication
import observatoire.vue
from observatoire.serveur import StatiquesEnMemoire

for _paquet in (observatoire.vue, observatoire.publication):
    for _module in pkgutil.iter_modules(_paquet.__path__):
        importlib.import_module(f"{_paquet.__name__}.{_module.name}")
# Not streamlit_folium: importing it declares its component, which must happen once Streamlit's runtime is up
# (before, the map's frame is never served and stays a placeholder). It is imported at the map's first draw.

app = st.App("app.py", middleware=[Middleware(StatiquesEnMemoire)])
