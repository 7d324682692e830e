"""Every figure of data/sources/indicateurs_publies.csv is displayed on at least one page.

One AppTest session visits every page of the menu (observatoire/pages_registre.PAGES); observatoire/publies.py
records in st.session_state["_indicateurs_affiches"] the id of every figure a page draws. Each id is then one test,
so a missing figure is named in the report."""
import csv

import pytest

from observatoire.pages_registre import PAGES
from observatoire.publies import CLE_AFFICHES
from tests.outils import ROOT, lancer

with open(ROOT / "data" / "sources" / "indicateurs_publies.csv", encoding="utf-8", newline="") as f:
    IDS = [ligne["id"] for ligne in csv.DictReader(f)]

# Figures allowed not to be displayed yet, with the page that owes them (none today; the catalogue of
# Données & exports does not count as a display: every figure must have a page that shows it).
ATTENDUS_AILLEURS: dict[str, str] = {}


@pytest.fixture(scope="module")
def visite():
    """Every page once, in menu order, in one session: the ids displayed and the exceptions met."""
    at = lancer()
    erreurs = {PAGES[0].fichier: [e.message for e in at.exception]}
    for page in PAGES[1:]:
        at.switch_page(f"pages/{page.fichier}").run()
        erreurs[page.fichier] = [e.message for e in at.exception]
    affiches = set(at.session_state[CLE_AFFICHES]) if CLE_AFFICHES in at.session_state else set()
    return affiches, erreurs


def test_identifiants_uniques():
    assert IDS and len(set(IDS)) == len(IDS)
    assert set(ATTENDUS_AILLEURS) <= set(IDS)


def test_chaque_page_visitee_sans_exception(visite):
    _, erreurs = visite
    assert {p: e for p, e in erreurs.items() if e} == {}


def test_aucun_identifiant_inconnu_n_est_note(visite):
    affiches, _ = visite
    assert affiches - set(IDS) == set()


@pytest.mark.parametrize("id_", [
    pytest.param(i, marks=pytest.mark.xfail(reason=f"attendu sur la {ATTENDUS_AILLEURS[i]}", strict=False))
    if i in ATTENDUS_AILLEURS else i
    for i in IDS
])
def test_chiffre_publie_affiche_sur_une_page(visite, id_):
    affiches, _ = visite
    assert id_ in affiches
