"""Thematic pages (AppTest): each renders without exception with its headline figures in French format, uncertain
pairings visible, per-territory counts from the extracts under statistical secrecy, the year and territory filters."""
import numpy as np
import pandas as pd
import pytest

from observatoire import filtres, secret
from tests.outils import ROOT, lancer, textes

N = "\u202f"  # narrow no-break space: thousands separator and before %

CHIFFRES = {
    "justice.py": ["733", f"57{N}%", f"43{N}%", f"86,5{N}%", f"8,7{N}%"],
    "handicap.py": [f"5,2{N}%", f"4,3{N}%", "+0,9 point", f"2{N}636", "30 ans", "jusqu'à 29 ans inclus",
                    "« jusqu'à 30 ans »"],
    "logement.py": [f"10{N}291", f"20,3{N}%", f"33{N}056", f"65,2{N}%", f"7{N}340", f"14,5{N}%"],
    "sante.py": [f"1{N}343", f"36{N}%", f"19{N}%", f"15{N}%", f"17{N}%", f"6{N}000", f"60,4{N}%", f"64{N}%",
                 f"52{N}%", "Plusieurs réponses possibles", "résultats sont **pondérés**", "Bien dans sa tête"],
    "vigie_formation.py": [f"1{N}516", f"5{N}437", f"3{N}921", "374", "306", f"1{N}345", "766"],
    "citoyennete_mobilite.py": [f"3{N}027", f"5,7{N}%", f"3{N}500", f"33{N}%", f"20{N}%", "978", "32", "14"],
    "vie_reseau.py": ["367", "762", f"71{N}500", f"27{N}582", f"74{N}744"],
}
# Tabbed pages draw only the selected tab (its name is in the URL): (session key, tab) -> figures of that tab.
ONGLETS = {
    ("vigie_formation.py", "onglet_vigie", "Formation"): [f"8{N}086", f"6{N}651", f"4{N}985", f"61,6{N}%",
                                                           f"10{N}524", "Appariement incertain : la répartition par sexe"],
    ("vigie_formation.py", "onglet_vigie", "Obligation de formation 16-18 ans"): ["471", f"99{N}%"],
    ("vie_reseau.py", "onglet_reseau", "Plan de formation"): ["357", f"41{N}%", "87", f"85{N}%", "871"],
    ("vie_reseau.py", "onglet_reseau", "Communication"): ["145", f"3{N}500", "400"],
    ("vie_reseau.py", "onglet_reseau", "Mutualisation"): ["Mutualisons nos pratiques"],
    ("vie_reseau.py", "onglet_reseau", "Labellisation"): [f"80{N}%"],
    ("vie_reseau.py", "onglet_reseau", "Objectif Planète"): ["800", "221", "appariement incertain"],
}
TITRES = {"justice.py": "Justice", "handicap.py": "Handicap", "logement.py": "Logement", "sante.py": "Santé",
          "vigie_formation.py": "VIGIE, formation & obligation de formation",
          "citoyennete_mobilite.py": "Citoyenneté & mobilité", "vie_reseau.py": "Vie du réseau"}


@pytest.fixture(scope="module")
def pages():
    return {page: lancer(page) for page in CHIFFRES}


def _tableau(at, colonne: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if colonne in d.value.columns)


@pytest.mark.parametrize("page", list(CHIFFRES))
def test_page_rendue_avec_ses_chiffres(pages, page):
    at = pages[page]
    assert not at.exception, [e.message for e in at.exception]
    assert TITRES[page] in [t.value for t in at.title]
    texte = textes(at)
    manquants = [c for c in CHIFFRES[page] if c not in texte]
    assert not manquants, manquants
    assert "Perspectives 2023" in texte
    # Numbers never come out in English format.
    assert "86.5" not in texte and "10,291" not in texte


PREMIER_ONGLET = {"vigie_formation.py": "VIGIE Jeunesse en 2022", "vie_reseau.py": "L'équipe régionale en 2022"}


@pytest.mark.parametrize("page,cle,onglet", list(ONGLETS), ids=[o[2] for o in ONGLETS])
def test_onglet_choisi_seul_dessine(page, cle, onglet):
    at = lancer(page, **{cle: onglet})
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    manquants = [c for c in ONGLETS[(page, cle, onglet)] if c not in texte]
    assert not manquants, manquants
    assert PREMIER_ONGLET[page] not in [h.value for h in at.header]  # the other tabs are not drawn


THEMES = {"justice.py": ["justice"], "handicap.py": ["handicap"], "logement.py": ["logement"],
          "sante.py": ["sante", "sante_enquete"], "vigie_formation.py": ["vigie", "formation", "obligation_formation"],
          "citoyennete_mobilite.py": ["citoyennete", "mobilite"],
          "vie_reseau.py": ["equipe", "gouvernance", "plan_formation", "communication", "mutualisation",
                            "labellisation", "objectif_planete"]}


@pytest.mark.parametrize("page", list(CHIFFRES))
def test_chaque_chiffre_des_themes_dans_un_tableau_de_la_page(pages, page):
    """Each page lists every figure of its themes (the CSV's rows) with its value in French format."""
    publies = pd.read_csv(ROOT / "data" / "sources" / "indicateurs_publies.csv", dtype=str)
    attendus = publies[publies["theme"].isin(THEMES[page])]
    table = pd.concat([d.value for d in pages[page].dataframe if "Indicateur" in d.value.columns])
    assert sorted(table["Indicateur"]) == sorted(attendus["libelle"])
    assert not table["Valeur"].str.contains(r"\d\.\d").any()  # decimal comma, never a point


def test_appariements_incertains_visibles_sous_les_graphiques(pages):
    """Santé: the notes of age, housing, diploma and professional situation are printed under their charts."""
    legendes = [c.value for c in pages["sante.py"].caption if "Appariement incertain" in c.value]
    assert len(legendes) == 4
    assert any("Données brutes" in c for c in legendes)
    assert any("total 142" in c for c in legendes)
    # Cards flag their uncertain pairing visibly (VIGIE cumulated actions, Erasmus, Objectif Planète).
    for page, at in [("vigie_formation.py", pages["vigie_formation.py"]),
                     ("citoyennete_mobilite.py", pages["citoyennete_mobilite.py"]),
                     ("vie_reseau.py", lancer("vie_reseau.py", onglet_reseau="Objectif Planète"))]:
        assert any("appariement incertain" in m.value for m in at.markdown), page
        assert any("Appariement incertain" in c.value for c in at.caption), page


def test_graphiques_publies_en_barres_et_jamais_en_camembert(pages):
    for page in ("sante.py", "justice.py", "logement.py"):
        for graphique in pages[page].get("vega_lite_chart"):
            assert '"arc"' not in graphique.proto.spec, page


def test_justice_par_territoire_avec_secret(pages):
    table = _tableau(pages["justice.py"], "JSMJ").set_index("Territoire")
    assert table.loc["Normandie", "JSMJ"] == "733"  # the demonstration extracts add up to the published total
    assert table.loc["Normandie", "Part sans diplôme parmi les JSMJ"] == f"86,5{N}%"
    assert table.loc["Normandie", "Part de mineurs parmi les JSMJ"] == f"8,7{N}%"
    assert table.loc["Mission Locale Baie de Seine", "JSMJ"] == "secret"  # 7 young people
    calvados = table[table.index.str.startswith("Mission Locale") & table.index.isin([
        "Mission Locale du Bocage au Bessin", "Mission Locale Baie de Seine",
        "Mission Locale Caen la Mer Calvados Centre", "Mission Locale Lisieux Normandie"])]
    assert (calvados["JSMJ"] == "secret").sum() >= 2  # the Calvados total is shown: a second cell is hidden
    assert table.loc["Calvados (14)", "JSMJ"] == "124"
    for v in table["JSMJ"]:
        assert v == "secret" or v == "0" or int(v.replace(N, "")) >= 11
    parts = table.loc[table["JSMJ"] == "secret", "Part des JSMJ parmi les jeunes accompagnés"]
    assert (parts == "secret").all()
    # No small count can be read off by subtraction either: JSMJ − JSMJ without diploma (with a diploma),
    # JSMJ − minors (adults), young people − JSMJ.
    def nombre(v):
        return None if v == "secret" else int(v.replace(N, ""))
    for total, partie in [("JSMJ", "JSMJ sans diplôme"), ("JSMJ", "JSMJ mineurs"), ("Jeunes accompagnés", "JSMJ")]:
        for t, p in zip([nombre(v) for v in table[total]], [nombre(v) for v in table[partie]]):
            if t is not None and p is not None:
                assert t - p == 0 or t - p >= 11, (total, partie, t, p)


def test_justice_annee_et_territoire_choisis():
    at = lancer("justice.py")
    at.selectbox(key="annee").set_value(2021)
    at.selectbox(key="territoire").set_value("14").run()
    assert not at.exception, [e.message for e in at.exception]
    table = _tableau(at, "JSMJ")
    # The region, the department, then its Missions Locales in the sidebar's order.
    barre = filtres.territoires()
    mls = barre[(barre["niveau"] == "mission_locale") & barre["code"].str.startswith("14-")]["libelle"].tolist()
    assert table["Territoire"].tolist() == ["Normandie", "Calvados (14)"] + mls
    assert len(mls) == 4
    assert table.set_index("Territoire").loc["Normandie", "JSMJ"] == "768"  # 2021 demonstration extracts
    texte = textes(at)
    assert "Par territoire : Calvados (14), 2021" in [h.value for h in at.header]
    assert "733" in texte  # the published 2022 figure stays on the page


def test_mission_locale_secrete_dans_sa_carte():
    at = lancer("justice.py")
    at.selectbox(key="territoire").set_value("14-BSE").run()
    assert not at.exception
    assert "JSMJ accompagnés — Mission Locale Baie de Seine" in textes(at)
    cartes = [m.value for m in at.markdown if "kpi-valeur" in m.value]
    assert any(">secret<" in c for c in cartes)


def test_handicap_par_departement_et_mission_locale(pages):
    at = pages["handicap.py"]
    table = _tableau(at, "Jeunes avec une RQTH").set_index("Territoire")
    assert table.loc["Normandie", "Part des jeunes avec une RQTH"] == f"5,2{N}%"
    assert set(table["Niveau"]) == {"Région", "Département", "Mission Locale"}
    assert len(table) == 1 + 5 + 24
    titres = [s.value for s in at.subheader]
    assert "Part des jeunes avec une RQTH, par département" in titres
    assert "Part des jeunes avec une RQTH, par Mission Locale" in titres


def test_logement_par_territoire_additionne(pages):
    table = _tableau(pages["logement.py"], "Logement autonome").set_index("Territoire")
    assert table.loc["Normandie", ["Parents ou famille", "Logement autonome", "Précarité ou situation complexe"]] \
        .tolist() == [f"33{N}056", f"10{N}291", f"7{N}340"]
    assert table.loc["Normandie", "Part en précarité ou situation complexe"] == f"14,5{N}%"


# --- the hierarchical secrecy, on tiny data -----------------------------------------------------------

def _hierarchie(valeurs_ml: dict[str, dict[str, int]]) -> pd.DataFrame:
    """Region, departments and Missions Locales rows from counts per Mission Locale ({dep: {ml: n}})."""
    lignes = []
    for dep, mls in valeurs_ml.items():
        lignes += [{"niveau": "mission_locale", "departement": dep, "code": ml, "nb": n} for ml, n in mls.items()]
        lignes.append({"niveau": "departement", "departement": dep, "code": dep, "nb": sum(mls.values())})
    lignes.append({"niveau": "region", "departement": None, "code": "Normandie",
                   "nb": sum(sum(m.values()) for m in valeurs_ml.values())})
    return pd.DataFrame(lignes)


def test_secret_hierarchique_sans_cellule_recalculable():
    df = _hierarchie({"14": {"A": 7, "B": 40, "C": 25}, "27": {"D": 30, "E": 50}, "50": {"F": 3, "G": 5}})
    masque = secret.masque_territoires(df, ["nb"])["nb"]
    caches = set(df.loc[masque, "code"])
    assert {"A", "F", "G"} <= caches           # primary: 1..10
    assert "50" in caches                       # department 50 totals 8: primary too
    # Secondary: department 14 shows its total, so A cannot be hidden alone in its line.
    assert len(caches & {"A", "B", "C", "14"}) >= 2
    assert len(caches & {"14", "27", "50", "Normandie"}) >= 2  # and 50 not alone in the region's line
    # No hidden cell can be recomputed from the equations a reader can write.
    lignes = []
    index = {c: i for i, c in enumerate(df["code"])}
    for dep in ("14", "27", "50"):
        mls = df[(df["niveau"] == "mission_locale") & (df["departement"] == dep)]["code"]
        lignes.append(secret.Ligne(tuple(index[m] for m in mls), index[dep]))
    lignes.append(secret.Ligne((index["14"], index["27"], index["50"]), index["Normandie"]))
    assert secret.cellules_determinees(masque.to_numpy(), lignes) == []


def test_secret_hierarchique_avec_partition():
    """Categories that add up to the total (housing): hiding one category alone would not protect it."""
    df = _hierarchie({"14": {"A": 100, "B": 200}})
    df["autonome"] = [5, 60, 65, 65]
    df["famille"] = [95, 140, 235, 235]
    masque = secret.masque_territoires(df, ["nb", "autonome", "famille"],
                                             partitions=[("nb", ["autonome", "famille"])])
    assert masque.loc[0, "autonome"] and masque.loc[0, "famille"]  # A: 5 hidden, and 95 = 100 − 5 too
    assert masque["autonome"].sum() >= 2  # department 14 = A + B: B's count hidden as well
    assert not masque["nb"].any() or masque["nb"].sum() >= 2
    assert np.isfinite(df["nb"]).all()
