"""Thematic pages (AppTest): each renders without exception with its headline figures in French format, uncertain
pairings visible, per-territory counts from the extracts under statistical secrecy, the year and territory filters."""
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from observatoire import publies, secret
from observatoire.textes_rapport import TEXTES
from observatoire.publication import perimetre
from tests.outils import ROOT, lancer, textes

N = "\u202f"  # narrow no-break space: thousands separator and before %

CHIFFRES = {
    "justice.py": ["733", f"57{N}%", f"43{N}%", f"86,5{N}%", f"8,7{N}%"],
    "handicap.py": [f"5,2{N}%", f"4,3{N}%", "+0,9 point", f"2{N}636", "30 ans", "jusqu'à 29 ans inclus",
                    f"«{N}jusqu'à 30 ans{N}»", "La loi (Code du travail, art. L5131-6) ouvre le CEJ"],
    "logement.py": [f"10{N}291", f"20,3{N}%", f"33{N}056", f"65,2{N}%", f"7{N}340", f"14,5{N}%"],
    "sante.py": [f"1{N}343", f"36{N}%", f"19{N}%", f"15{N}%", f"17{N}%", f"6{N}000", f"60,4{N}%", f"64{N}%",
                 f"52{N}%", "Plusieurs réponses possibles", "résultats sont **pondérés**", "Bien dans sa tête",
                 f"somme des parts imprimées : 101{N}% (arrondis)", f"totalisent 142{N}%",
                 f"Kits santé «{N}Combo{N}»"],
    "vigie_formation.py": [f"1{N}516", f"5{N}437", f"3{N}921", "374", "306", f"1{N}345", "766"],
    "citoyennete_mobilite.py": [f"3{N}027", f"5,7{N}%", f"3{N}500", f"33{N}%", f"20{N}%", "978", "32", "14"],
    "vie_reseau.py": ["367", "762", f"71{N}500", f"27{N}582", f"74{N}744"],
}
# Tabbed pages draw only the selected tab (its name is in the URL): (session key, tab) -> figures of that tab.
ONGLETS = {
    ("vigie_formation.py", "onglet_vigie", "Formation"): [f"8{N}086", f"6{N}651", f"4{N}985", f"61,6{N}%",
                                                           f"10{N}524",
                                                           "Appariement incertain\u00a0: la répartition par sexe",
                                                           f"(«{N}près de 170{N}», Métiers 360, 2023)"],
    ("vigie_formation.py", "onglet_vigie", "Obligation de formation 16-18 ans"): ["471", f"99{N}%"],
    ("vie_reseau.py", "onglet_reseau", "Plan de formation"): ["357", f"41{N}%", "87", f"85{N}%", "871"],
    ("vie_reseau.py", "onglet_reseau", "Communication"): ["145", f"3{N}500", f"(«{N}plus de 400{N}»)"],
    ("vie_reseau.py", "onglet_reseau", "Mutualisation"): ["Mutualisons nos pratiques"],
    ("vie_reseau.py", "onglet_reseau", "Labellisation"): [f"80{N}%"],
    ("vie_reseau.py", "onglet_reseau", "Objectif Planète"): ["800", "221", "appariement incertain",
                                                            "Le rapport ne mentionne pas de suite pour 2023.",
                                                            "Le rapport ne présente l'opération que par ses chiffres"],
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


REGIONAL_SEULEMENT = {
    "sante.py": "Chiffres régionaux uniquement : le rapport ne publie pour la santé aucune répartition par "
                "département ni par Mission Locale (l'enquête de l'ORS-CREAI est pondérée par département, mais ses "
                "résultats ne sont donnés que pour l'ensemble des Missions Locales de Normandie).",
    "vigie_formation.py": "Chiffres régionaux uniquement : pour VIGIE Jeunesse, la formation et l'obligation de "
                          "formation, le rapport ne publie aucune répartition par département ni par Mission Locale.",
    "citoyennete_mobilite.py": "Chiffres régionaux uniquement : pour la citoyenneté et la mobilité, le rapport ne "
                               "publie aucune répartition par département ni par Mission Locale.",
    "vie_reseau.py": "Chiffres régionaux uniquement : pour la vie du réseau, le rapport ne publie aucune répartition "
                     "par département ni par Mission Locale ; ses chiffres portent sur l'ARML et l'ensemble du réseau "
                     "normand.",
}


@pytest.mark.parametrize("page", list(REGIONAL_SEULEMENT))
def test_pages_regionales_le_disent(pages, page):
    assert REGIONAL_SEULEMENT[page] in [c.value for c in pages[page].caption]


def _tableau_graphique(at, colonne: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if colonne in d.value.columns and "Catégorie" in d.value.columns)


def test_sante_hebergement_seule_la_part_chez_les_parents_est_etablie(pages):
    at = pages["sante.py"]
    table = _tableau_graphique(at, "Attribution de la valeur")
    assert table["Catégorie"].tolist() == [
        "Chez les parents", "Autre famille (?)", "En couple (?)", "Seul(e) (?)", "En colocation (?)",
        "Chez des amis (?)", "En foyer/internat (?)", "Sans domicile fixe (?)", "Autre (?)"]
    assert table["Valeur"].tolist() == [f"{v}{N}%" for v in (64, 2, 13, 10, 1, 2, 3, 4, 1)]
    assert table["Attribution de la valeur"].tolist() == (
        ["Établie (la seule valeur possible)"] + ["Incertaine : ordre imprimé impossible"] * 8)
    texte = textes(at)
    assert "Regroupement du rapport" not in texte
    assert all("Regroupement du rapport" not in d.value.columns for d in at.dataframe)
    assert (f"les huit autres modes se partagent les 36{N}% restants, sans qu'on sache lequel a quelle part"
            in texte)
    legende = next(c.value for c in at.caption if "Seule la part" in c.value)
    assert f"({', '.join(f'{v}{N}%' for v in (13, 10, 4, 3, 2, 2, 1, 1))})" in legende
    assert f"en «{N}Famille{N}», «{N}Autonome{N}» et «{N}Autre{N}» sans dire lesquels" in legende
    assert "l'observatoire ne calcule donc pas ces groupes" in legende


def test_sante_lectures_sur_appariements_incertains_le_disent(pages):
    texte = textes(pages["sante.py"])
    assert "Plus de la moitié des répondants cherchent un emploi" not in texte
    assert (f"Selon l'appariement retenu par vraisemblance, qui reste incertain, la part la plus élevée (52{N}%) "
            "serait celle des jeunes à la recherche d'un emploi." in texte)
    assert (f"Si les valeurs suivent l'ordre des libellés, comme retenu (appariement incertain), un répondant sur "
            f"cinq s'est arrêté au primaire ou au collège (22{N}%)" in texte)


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
    barre = perimetre.territoires()
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


# --- the report's texts (data/sources/textes_rapport.toml) ------------------------------------------------

MOIS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
# Every number written in digits in the CEJ and Emploi texts, with the row of indicateurs_publies.csv that
# publishes it (dates, years and the names "#1jeune1solution", « 1 par 1 » and U2P aside).
CHIFFRES_TEXTES = {
    "cej": {6: ["cej_annees_garantie_jeunes"], 15: ["cej_heures_activite_hebdo"], 11: ["cej_evenements_lancement"],
            8: ["cej_groupes_travail_coordinateurs"], 4: ["cej_comites_strategiques"],
            2: ["cej_groupes_travail_rural_urbain", "cej_groupes_travail_imilo"], 18: ["cej_ml_linscription"]},
    "emploi": {8: ["emploi_chomage_plus_bas_annees"], 20000: ["emploi_jeunes_vers_emploi_arrondi"],
               282: ["emploi_1par1_jeunes"], 300: ["emploi_1par1_professionnels"], 190: ["emploi_1par1_binomes"],
               18: ["emploi_journee_entrepreneuriat_participants"], 10: ["emploi_reunions_referents_entreprises"],
               6: ["emploi_reunions_parrainage"], 1: ["emploi_reunions_entrepreneuriat"]},
}


def _nombres(texte: str) -> set[int]:
    for nom in ("#1jeune1solution", "« 1 par 1 »", "U2P"):
        texte = texte.replace(nom, "")
    texte = re.sub(rf"\b\d{{1,2}}(?:er)?(?:-\d{{1,2}}| et \d{{1,2}})? (?:{MOIS})\b", "", texte)  # dates
    texte = re.sub(r"\b20\d\d\b", "", texte)  # years
    return {int(n.replace(N, "")) for n in re.findall(rf"\d+(?:{N}\d{{3}})*", texte)}


@pytest.mark.parametrize("cle", list(CHIFFRES_TEXTES))
def test_textes_cej_et_emploi_sans_chiffre_hors_du_csv(cle):
    t = TEXTES[cle]
    assert t.actions and t.perspectives
    tout = " ".join([t.contexte, *t.actions, *t.perspectives, t.note])
    assert _nombres(tout) == set(CHIFFRES_TEXTES[cle])
    valeurs = {i.id: i.valeur for i in publies.tous().values()}
    for nombre, ids in CHIFFRES_TEXTES[cle].items():
        for id_ in ids:
            assert valeurs[id_] == nombre, id_


def test_textes_cej_et_emploi_citent_le_rapport():
    cej, emploi = TEXTES["cej"], TEXTES["emploi"]
    assert cej.section == "Contrat d'Engagement Jeune"
    assert emploi.section == "Emploi : relation entreprises, entreprenariat, parrainage"
    assert any("Pass Emploi" in a for a in cej.actions)
    assert any("Inspection générale des affaires sociales (IGAS)" in a for a in cej.actions)
    assert "Participer au lancement d'une évaluation du CEJ par les jeunes." in cej.perspectives
    assert any("« Missions Jeunes »" in a for a in emploi.actions)
    assert any("webinaire CEJ « Jeunes et entreprises, tous gagnants ! »" in a for a in emploi.actions)
    assert emploi.perspectives[0].startswith("Une enquête pour comprendre les attentes des jeunes en matière d'emploi")
    assert f"« plus de 20{N}000 jeunes vers l'emploi en 2022" in emploi.contexte


def test_textes_cej_et_emploi_rendus_par_les_fonctions_des_pages():
    """The calls handed to pages/cej.py and pages/emploi_formation.py render the texts, French typography applied."""
    at = AppTest.from_string(
        "from observatoire.vue import thematiques as th\n"
        "for cle in ('cej', 'emploi'):\n"
        "    th.contexte(cle)\n"
        "    th.actions_perspectives(cle, titre_actions='Temps forts 2022')\n", default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    markdown = [m.value for m in at.markdown]
    assert markdown.count("**Temps forts 2022**") == 2 and markdown.count("**Perspectives 2023**") == 2
    texte = "\n".join(markdown)
    assert f"devenu «{N}l'application CEJ{N}»" in texte
    assert f"«{N}plus de 20{N}000 jeunes vers l'emploi" in texte
    legendes = [c.value for c in at.caption]
    assert f"Résumé du rapport d'activité 2022 de l'ARML Normandie, section «{N}Contrat d'Engagement Jeune{N}»." in \
        legendes[0]


def test_objectif_planete_dit_qu_il_n_a_pas_de_suite():
    assert TEXTES["objectif_planete"].perspectives == ("Le rapport ne mentionne pas de suite pour 2023.",)
    assert len(TEXTES["objectif_planete"].actions) == 1


SOURCES_PAGES = ["pages/sante.py", "pages/sources_methodes.py", "pages/vigie_formation.py",
                 "pages/citoyennete_mobilite.py", "pages/vie_reseau.py", "pages/handicap.py",
                 "data/sources/textes_rapport.toml"]


@pytest.mark.parametrize("fichier", SOURCES_PAGES)
def test_pas_d_espace_ordinaire_dans_les_nombres_ni_avant_pourcent(fichier):
    source = (ROOT / fichier).read_text(encoding="utf-8")
    assert not re.findall(r"\d[ \u00a0]%|\d \d{3}\b", source)
    if fichier.startswith("pages/"):  # the report's texts are typeset when drawn (phrases.typographier)
        assert "« " not in source and " »" not in source


def test_sources_methodes_definitions_jeux_et_licences():
    at = lancer("sources_methodes.py")
    assert not at.exception, [e.message for e in at.exception]
    texte = textes(at)
    assert ("**Jeune accompagné** : jeune ayant eu dans l'année au moins un événement avec sa Mission Locale :\n"
            "  entretien individuel, atelier ou information collective") in texte
    assert "d'une\n  information collective dans l'année." not in texte
    assert (f"1{N}343 questionnaires analysés ; résultats pondérés (âge et sexe, par département de la Mission "
            "Locale d'accueil), sauf la répartition par âge (données brutes) | 2022 | ORS-CREAI Normandie |") in texte
    assert "document public de l'ARML |" not in texte
    assert texte.count("| aucune licence indiquée : le rapport est un document public de l'ARML Normandie, "
                       "réutilisé ici en citant sa source |") == 2
    assert "règle de la loi (Code du travail,\n  art. L5131-6)" in texte
    assert "15 à 20 heures d'activités par semaine (rapport d'activité)" in texte
    assert f"déduit de la baisse de 4,6{N}%)" in texte
