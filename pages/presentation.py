"""Presentation mode: the year's story as slides for a meeting room, stepped with buttons or the ← → keys.

?presentation=1 (or the toggle) hides the menu, the sidebar and the toolbar and enlarges the type;
?diapo=N opens slide N, so a link reopens the same slide. Everything is drawn by the app itself
(Altair charts, offline map): nothing needs the internet."""
import streamlit as st

from observatoire.vue import composants as ui
from observatoire.sorties import diapositives, tableurs
from observatoire.vue import presentation as ecran
from observatoire.vue import telechargements
from observatoire.provenance import Provenance

CLE_MODE, CLE_DIAPO = "presentation", "diapo"

annee, territoire = telechargements.choisir_perimetre()
diapos = diapositives.diapos(annee, territoire)


def _depuis_url() -> None:
    # A link decides on first display; afterwards the session keeps the state (the menu drops URL parameters).
    if CLE_MODE in st.query_params:
        st.session_state[CLE_MODE] = st.query_params[CLE_MODE] in ("1", "oui", "true")
    st.session_state.setdefault(CLE_MODE, False)
    brut = st.query_params.get(CLE_DIAPO)
    if brut is not None and brut.isdigit() and 1 <= int(brut) <= len(diapos):
        st.session_state[CLE_DIAPO] = int(brut)
    if not 1 <= st.session_state.get(CLE_DIAPO, 1) <= len(diapos):
        st.session_state[CLE_DIAPO] = 1
    st.session_state.setdefault(CLE_DIAPO, 1)


def _vers_url() -> None:
    for cle, valeur, defaut in ((CLE_MODE, "1" if st.session_state[CLE_MODE] else "0", "0"),
                                (CLE_DIAPO, str(st.session_state[CLE_DIAPO]), "1")):
        if valeur == defaut:
            st.query_params.pop(cle, None)
        elif st.query_params.get(cle) != valeur:
            st.query_params[cle] = valeur


def _aller(pas: int) -> None:
    # A callback runs before the script: the URL read at its top must already say the new slide.
    st.session_state[CLE_DIAPO] = min(max(1, st.session_state[CLE_DIAPO] + pas), len(diapos))
    _vers_url()


_depuis_url()
plein_ecran = st.session_state[CLE_MODE]
st.markdown(ecran.css(plein_ecran), unsafe_allow_html=True)

if not plein_ecran:
    ui.entete("Mode présentation",
              "Les chiffres clés de l'année en diapositives, pour une réunion ou un projecteur — même sans "
              "connexion. Flèches ← et → du clavier pour avancer et reculer ; le lien de la page rouvre la "
              "même diapositive.")
st.toggle("Plein écran (masque le menu et les barres)", key=CLE_MODE, on_change=_vers_url,
          help="Ou ajoutez ?presentation=1 à l'adresse. F11 met en plus le navigateur en plein écran.")

if not diapos:
    st.info(f"Aucune donnée pour {tableurs.libelle_territoire(territoire)} en {annee}.", icon=":material/info:")
    st.stop()

numero = st.session_state[CLE_DIAPO]
d = diapos[numero - 1]
with st.container(key="diapo"):
    ecran.afficher(d, numero, len(diapos), telechargements.perimetre_courant(annee, territoire))

with st.container(horizontal=True, key="navigation_diapos", horizontal_alignment="center"):
    st.button("Précédente", icon=":material/arrow_back:", shortcut="Left", on_click=_aller, args=(-1,),
              disabled=numero == 1, key="precedente")
    st.markdown(f'<p class="diapo-compteur">{numero} / {len(diapos)}</p>', unsafe_allow_html=True)
    st.button("Suivante", icon=":material/arrow_forward:", icon_position="right", shortcut="Right",
              on_click=_aller, args=(1,), disabled=numero == len(diapos), key="suivante")
_vers_url()
if any(x.provenance is Provenance.DEMO for x in diapos) and not plein_ecran:
    st.caption("Les diapositives marquées « démonstration » reposent sur des données générées : "
               "elles ne décrivent aucun territoire réel.")
if not plein_ecran:
    st.caption(f"Périmètre : {telechargements.perimetre_courant(annee, territoire)}")
