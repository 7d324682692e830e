"""Publics accompagnés page (AppTest): published regional figures, territory filter, URL, provenance, secrecy."""
import re

import pandas as pd
import pytest

from observatoire import config
from observatoire.publication import perimetre
from tests.outils import lancer, textes

PAGE = "publics.py"
AGES_PUBLIES = ["8,9\u202f%", "37,7\u202f%", "34,8\u202f%", "18,6\u202f%"]


def _tableaux(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def _tableau(at, colonne: str) -> pd.DataFrame:
    return next(t for t in _tableaux(at) if colonne in t.columns)


def _tableau_age(at) -> pd.DataFrame:
    return next(t for t in _tableaux(at) if "Catégorie" in t.columns and "16-17 ans" in set(t["Catégorie"]))


@pytest.fixture(scope="module")
def region():
    return lancer(PAGE)


def test_page_sans_exception(region):
    assert not region.exception, [e.message for e in region.exception]
    assert "Publics accompagnés" in [t.value for t in region.title]
    assert len(region.get("vega_lite_chart")) == 6


def test_parts_regionales_publiees(region):
    age = _tableau_age(region)
    assert age["Part"].tolist() == AGES_PUBLIES
    assert set(age["Territoire"]) == {"Normandie"}
    assert age["Provenance"].str.startswith("part : publié (rapport 2022) – Observatoire").all()
    niveau = next(t for t in _tableaux(region) if "Sans diplôme" in set(t.get("Catégorie", [])))
    ligne = niveau.set_index("Catégorie").loc["Sans diplôme"]
    assert (ligne["Jeunes accompagnés"], ligne["Part"]) == ("25\u202f583", "50,5\u202f%")
    assert ligne["Provenance"] == "publié (rapport 2022) – Observatoire"
    texte = textes(region)
    assert "un jeune accompagné sur deux (50,5\u202f%) est sans diplôme" in texte
    assert "15,5\u202f% des jeunes accompagnés vivent dans un quartier prioritaire" in texte
    assert "5,2\u202f% des jeunes accompagnés sont reconnus travailleurs handicapés en 2022" in texte
    assert "contre 4,3\u202f% en 2021" in texte
    # The report publishes the RQTH share only: the count beside it says it is an estimate, and from what.
    assert ("soit environ 2\u202f636 jeunes (estimation dérivée des chiffres publiés : 5,2\u202f% × 50\u202f687)"
            in texte)
    assert "50\u202f687" in texte and "18\u202f024" in texte  # published cards
    assert "publié (rapport 2022)" in texte
    assert "appariement est incertain" in texte
    assert any("Données de démonstration" in w.value for w in region.warning)


def test_changer_de_territoire_change_les_chiffres(region):
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("14").run()
    assert not at.exception
    assert at.query_params.get("territoire") in ("14", ["14"])
    age = _tableau_age(at)
    calvados = age[age["Territoire"] == "Calvados (14)"]
    normandie = age[age["Territoire"] == "Normandie"]
    assert normandie["Part"].tolist() == AGES_PUBLIES  # the region stays beside, unchanged
    assert len(calvados) == 4 and calvados["Part"].tolist() != AGES_PUBLIES
    assert (calvados["Provenance"] == "démonstration").all()
    texte = textes(at)
    assert "Dans le Calvados, " in texte and ", contre 37,7\u202f% en Normandie" in texte
    assert "démonstration" in texte
    # the Calvados has fewer young people than the region, and the cards say so
    assert "Jeunes accompagnés en 2022 — Calvados (14)" in texte


def test_lien_avec_mission_locale():
    """A shared link opens the same view: ?territoire=14-CAE&annee=2021."""
    from streamlit.testing.v1 import AppTest

    from tests.outils import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["territoire"] = "14-cae"
    at.query_params["annee"] = "2021"
    at.run()
    at.switch_page(f"pages/{PAGE}").run()
    assert not at.exception
    assert at.selectbox(key="territoire").value == "14-CAE"
    assert at.selectbox(key="annee").value == 2021
    age = _tableau_age(at)
    assert set(age["Territoire"]) == {"Mission Locale Caen la Mer Calvados Centre", "Normandie"}
    assert "À la Mission Locale Caen la Mer Calvados Centre, " in textes(at)


def test_annee_2021_sans_chiffres_publies_de_repartition():
    at = lancer(PAGE)
    at.selectbox(key="annee").set_value(2021).run()
    assert not at.exception
    age = _tableau_age(at)
    assert (age["Provenance"] == "démonstration").all()  # 2021 shares are not published
    rqth = _tableau(at, "Jeunes reconnus travailleurs handicapés")
    r2021 = rqth[(rqth["Territoire"] == "Normandie") & (rqth["Année"] == "2021")].iloc[0]
    assert r2021["Part des jeunes accompagnés"] == "4,3\u202f%"
    assert r2021["Provenance"].startswith("part : publié (rapport 2022) – ")
    assert "53\u202f131" in textes(at)  # derived 2021 total


def test_secret_dans_un_petit_territoire(monkeypatch):
    """With a high threshold, small cells of a Mission Locale read "secret", never a number below it,
    and no line has a single hidden cell (its total would give it back)."""
    monkeypatch.setattr(config, "SEUIL_SECRET", 60)
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("14-BSE").run()
    assert not at.exception
    vus = 0
    for t in _tableaux(at):
        colonne = next((c for c in t.columns if c.startswith("Jeunes")), None)
        if colonne is None or "Territoire" not in t.columns:
            continue
        for (territoire, *_), g in t.groupby(["Territoire"] + (["Année"] if "Année" in t.columns else [])):
            valeurs = g[colonne].tolist()
            vus += valeurs.count("secret")
            for v in valeurs:
                if v != "secret":
                    assert int(v.replace("\u202f", "")) == 0 or int(v.replace("\u202f", "")) >= 60, (colonne, v)
            if "Part" in g.columns:
                assert (g.loc[g[colonne] == "secret", "Part"] == "secret").all()
    assert vus >= 2
    # a reading under a chart says so in words (not only the definition of the rule at the bottom of the page)
    assert re.search(r"couvert(?:e|es)? par le secret statistique", textes(at))
    # the charts write "secret" where a bar is hidden, and only those charts carry that layer
    specs = [e.proto.spec for e in at.get("vega_lite_chart")]
    assert 0 < sum('"text": {"value": "secret"}' in s.replace('":{', '": {') for s in specs) < len(specs)


def test_la_note_des_annees_dit_ce_qui_est_reel_et_ce_qui_est_demonstration():
    import pandas as pd

    ans = pd.DataFrame({"annee": [2023, 2022, 2021], "provenance": ["extraits", "démonstration", "démonstration"]})
    note = perimetre.note_annees(ans)
    assert "2023 : extraits réels importés" in note
    assert "2021 : données de démonstration" in note
    assert "2023" not in note.split("extraits réels")[1]
