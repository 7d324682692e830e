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


def test_un_meme_graphique_n_est_construit_qu_une_fois_et_suit_son_contenu():
    """The builders are memoized on the content of their table (rows in order): the same figures give the same
    chart object to every visitor; another row order, another value or another argument gives another chart."""
    lignes = pd.DataFrame({"territoire": ["Calvados", "Eure"], "part_pct": [40.0, 55.5],
                           "etiquette": ["40 %", "55,5 %"], "choisi": [True, False]})
    args = dict(reference=50.0, libelle_reference="Normandie : 50 %", titre_axe="Part")
    premier = graphiques.barres_reference(lignes.copy(), **args)
    assert graphiques.barres_reference(lignes.copy(), **args) is premier
    autres = [graphiques.barres_reference(lignes.iloc[::-1].reset_index(drop=True), **args),
              graphiques.barres_reference(lignes.assign(part_pct=[40.0, 55.6]), **args),
              graphiques.barres_reference(lignes, **(args | {"reference": 51.0}))]
    assert all(a is not premier for a in autres)
    assert graphiques.spec(autres[0])["datasets"] != graphiques.spec(premier)["datasets"]


def test_la_spec_d_un_graphique_dessine_est_neuve_a_chaque_fois():
    """streamlit edits the spec it is given: the kept spec is copied out each time, with its description."""
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    s = graphiques._spec_decrite(chart, "Titre. Lecture")
    assert s["description"] == "Titre. Lecture" and s["title"] == ""
    s.pop("datasets")
    assert "datasets" in graphiques._spec_decrite(chart, "Titre. Lecture")
    assert graphiques._spec_decrite(chart, "Autre. Lecture")["description"] == "Autre. Lecture"


def test_la_courbe_cej_est_construite_une_fois_par_serie_et_projection():
    """The CEJ curve is memoized like the bars: the same points, objective and projection give the same chart;
    another point or another projection, another chart."""
    from observatoire.publication import cej
    from observatoire.vue import cej as vue_cej

    serie = cej.serie(2022, "14")
    premiere = vue_cej.courbe(serie.copy(), 2022, 2515.0)
    assert vue_cej.courbe(serie.copy(), 2022, 2515.0) is premiere
    projection = cej.ProjectionCej("lineaire", 2600.0, 103.4, "au rythme des deux derniers mois")
    autres = [vue_cej.courbe(serie.assign(cumul_entrees=serie["cumul_entrees"] + 1), 2022, 2515.0),
              vue_cej.courbe(serie, 2022, 2515.0, projection),
              vue_cej.courbe(serie, 2022, 2515.0, cej.ProjectionCej("lineaire", 2601.0, 103.4, "idem"))]
    assert len({id(premiere), *map(id, autres)}) == 4
