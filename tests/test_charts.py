"""Chart specs: validated against the Vega-Lite schema in the tests, not at each page view."""
import altair as alt
import jsonschema
import pandas as pd
import pytest

from observatoire import charts


def test_les_graphiques_sont_valides_dans_les_tests_et_pas_en_production(monkeypatch):
    """The tests check every chart spec against the Vega-Lite schema; the running app skips the check."""
    invalide = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q")
    invalide.width = "immense"  # set after construction, which checks .properties() arguments itself
    with pytest.raises(jsonschema.ValidationError):
        charts.spec(invalide)
    monkeypatch.delenv("OBSERVATOIRE_VALIDER_GRAPHIQUES")
    assert charts.spec(invalide)["width"] == "immense"
