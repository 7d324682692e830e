"""Emploi & formation page (AppTest): every published figure of themes 'emploi' and 'formation' on screen,
the two alternance figures each with its section, the territory's figures recomputed with pandas from the
extracts, the territory filter, secrecy of small cells, a year without situations."""
from __future__ import annotations

import pandas as pd
import pytest

from observatoire import config, formats
from tests.outils import lancer, textes
from tests.test_cej import extrait, mls_du, publies_du_theme, tableau, texte_complet

PAGE = "emploi_formation.py"


@pytest.fixture(scope="module")
def region():
    return lancer(PAGE)


def cartes(at) -> str:
    """The markdown of the cards (label, value, complement), one string."""
    return "\n".join(m.value for m in at.markdown)


def comptes(codes_ml: set[str] | None, annee: int = 2022) -> dict[str, int]:
    """The territory's figures recomputed with pandas from the extract `situations`."""
    s = extrait("situations", annee)
    if codes_ml is not None:
        s = s[s["code_ml"].isin(codes_ml)]
    emploi, form = s[s["type"] == "emploi"], s[s["type"] == "formation"]
    return {
        "jeunes_emploi": emploi["id_jeune"].nunique(),
        "contrats": len(emploi),
        "interim": int((emploi["sous_type"] == "interim").sum()),
        "alternance": s.loc[s["type"] == "alternance", "id_jeune"].nunique(),
        "jeunes_formation": form["id_jeune"].nunique(),
        "actions": len(form),
        "region": int((form["sous_type"] == "region").sum()),
    }


def test_page_sans_exception(region):
    assert not region.exception, [e.message for e in region.exception]
    assert "Emploi & formation" in [t.value for t in region.title]
    assert len(region.get("vega_lite_chart")) == 4


def test_chaque_chiffre_publie_emploi_et_formation_est_affiche(region):
    texte = texte_complet(region)
    lignes = publies_du_theme("emploi", "formation")
    assert len(lignes) == 39
    for r in lignes:
        attendu = formats.valeur(float(r["valeur"]), r["unite"])
        assert attendu in texte, (r["id"], attendu)
    for attendu in ["20\u202f427", "40\u202f812", "38\u202f%", "2\u202f578", "2\u202f510", "6\u202f651", "8\u202f086",
                    "4\u202f985", "1\u202f470", "81\u202f%", "282", "300", "190"]:
        assert attendu in texte, attendu
    assert {r["id"] for r in lignes} <= region.session_state["_indicateurs_affiches"]
    note = next(r["note"] for r in lignes if r["id"] == "formation_part_femmes")
    assert note in texte  # uncertain pairing said on screen


def test_les_deux_chiffres_de_l_alternance_avec_leur_section(region):
    md = cartes(region)
    assert "Jeunes entrés en alternance — page Observatoire</p><p class=\"kpi-valeur\">2\u202f578" in md
    assert "Jeunes entrés en entreprise en alternance — section Emploi</p><p class=\"kpi-valeur\">2\u202f510" in md
    sources = [c.value for c in region.caption]
    assert "Source : ARML Normandie, Rapport d'activité 2022 – Observatoire" in sources
    assert any(c.startswith("Source : ARML Normandie, Rapport d'activité 2022 – Emploi") for c in sources)
    texte = textes(region)
    assert "Pourquoi deux chiffres ?" in texte and "l'écart de 68 jeunes" in texte


def test_figures_regionales_des_extraits(region):
    c = comptes(None)
    # the demonstration is calibrated on the report: the recomputation gives the published figures back
    assert (c["jeunes_emploi"], c["contrats"], c["alternance"], c["jeunes_formation"], c["actions"], c["region"]) == \
        (20_427, 40_812, 2_578, 6_651, 8_086, 4_985)
    md = cartes(region)
    assert "Jeunes entrés en emploi en Normandie</p><p class=\"kpi-valeur\">20\u202f427" in md
    assert f"**{formats.nombre(c['contrats'])}** contrats hors alternance, dont " \
           f"**{formats.pourcentage(100 * c['interim'] / c['contrats'], 1)}** en intérim" in md
    contrats = tableau(region, "Part de l'intérim").set_index("Territoire")
    assert contrats.loc["Normandie", "Contrats (total)"] == "40\u202f812"
    assert list(contrats.index) == ["Normandie", "Calvados (14)", "Eure (27)", "Manche (50)", "Orne (61)",
                                    "Seine-Maritime (76)"]


def test_le_territoire_change_les_chiffres():
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("76").run()
    assert not at.exception, [e.message for e in at.exception]
    c = comptes(mls_du("76"))
    md = cartes(at)
    valeur = '</p><p class="kpi-valeur">'
    assert f"Jeunes entrés en emploi en Seine-Maritime{valeur}{formats.nombre(c['jeunes_emploi'])}" in md
    assert f"Jeunes entrés en alternance en Seine-Maritime{valeur}{formats.nombre(c['alternance'])}" in md
    assert f"**{formats.nombre(c['actions'])}** actions, dont " \
           f"**{formats.pourcentage(100 * c['region'] / c['actions'], 1)}** financées par la Région" in md
    texte = textes(at)
    assert f"En Seine-Maritime, {formats.nombre(c['jeunes_emploi'])} jeunes sont entrés en emploi" in texte
    # the Missions Locales of the department are compared, beside the region
    jeunes = tableau(at, "Alternance")
    assert len(jeunes) == len(mls_du("76"))
    mois = tableau(at, "Contrats de travail")
    assert mois["Contrats de travail"].iloc[-1] == formats.nombre(c["contrats"])  # the Total row
    # the published regional figures stay as published
    assert "20\u202f427" in texte_complet(at)


def test_secret_dans_une_petite_mission_locale(monkeypatch):
    monkeypatch.setattr(config, "SEUIL_SECRET", 40)
    at = lancer(PAGE)
    at.selectbox(key="territoire").set_value("14-BSE").run()
    assert not at.exception, [e.message for e in at.exception]
    mois = tableau(at, "Contrats en alternance")
    assert "secret" in set(mois["Contrats en alternance"])  # a few alternance contracts a month
    for col in ("Contrats de travail", "Contrats en alternance", "Actions de formation", "Total"):
        for v in mois[col]:
            assert v in ("secret", "0") or int(v.replace("\u202f", "")) >= 40, (col, v)
        assert (mois[col] == "secret").sum() != 1  # a lone hidden cell would come back from the total
    jeunes = tableau(at, "Alternance").set_index("Territoire")
    assert jeunes.loc["Mission Locale Baie de Seine", "Alternance"] == "secret"  # 31 young people


def test_annee_sans_situations(tmp_path, monkeypatch):
    """An imported year with young people but no situation yet: the page says so, without error."""
    import shutil

    from observatoire import demo, modele

    build = tmp_path / "build"
    shutil.copytree(config.BUILD_DIR, build)
    jeunes = pd.read_parquet(config.DEMO_DIR / "jeunes" / "annee=2022.parquet").assign(annee=2023,
                                                                                      provenance="extraits")
    demo.ecrire(modele.schema("jeunes").validate(jeunes), "jeunes",
                tmp_path / "extraits" / "jeunes" / "annee=2023.parquet")
    monkeypatch.setattr(config, "BUILD_DIR", build)
    at = lancer(PAGE)
    at.selectbox(key="annee").set_value(2023).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("ne contiennent aucune situation" in i.value for i in at.info)
