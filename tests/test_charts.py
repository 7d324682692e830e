"""Chart specs: validated against the Vega-Lite schema in the tests, not at each page view; what
graphiques.afficher gives the export buttons."""
import altair as alt
import jsonschema
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from observatoire.vue import graphiques, telechargements


def test_les_graphiques_sont_valides_dans_les_tests_et_pas_en_production(monkeypatch):
    """The tests check every chart spec against the Vega-Lite schema; the running app skips the check."""
    invalide = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q")
    invalide.width = "immense"  # set after construction, which checks .properties() arguments itself
    with pytest.raises(jsonschema.ValidationError):
        graphiques.spec(invalide)
    monkeypatch.delenv("OBSERVATOIRE_VALIDER_GRAPHIQUES")
    assert graphiques.spec(invalide)["width"] == "immense"


def _page_avec_un_graphique():
    import altair as alt
    import pandas as pd

    from observatoire.vue import graphiques
    from observatoire.provenance import Provenance

    df = pd.DataFrame({"Réponse": ["A", "B"], "Part": [80, 62]})
    graphiques.afficher(alt.Chart(df).mark_bar().encode(x="Part:Q", y="Réponse:N"), titre="Motifs",
                    donnees=df, lecture="A d'abord.", provenance=Provenance.PUBLIE, source="Rapport",
                    cle="motifs", note="plusieurs réponses possibles : total 142 %")


def test_afficher_donne_sa_note_aux_boutons_d_export(monkeypatch):
    appels = []
    monkeypatch.setattr(telechargements, "boutons_graphique", lambda chart, **kw: appels.append(kw))
    at = AppTest.from_function(_page_avec_un_graphique).run()
    assert not at.exception
    assert "Source : Rapport — plusieurs réponses possibles : total 142 %" in [c.value for c in at.caption]
    assert [(kw["titre"], kw["note"]) for kw in appels] == [("Motifs", "plusieurs réponses possibles : total 142 %")]
