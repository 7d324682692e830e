"""The home page shows each key figure exactly as the report prints it, with its source;
another territory or year shows figures computed from the extracts, labelled as such."""
import pandas as pd

from observatoire import config, formats
from tests.outils import lancer, textes

NNBSP = "\u202f"


def test_chiffres_cles_exactement_comme_publies():
    at = lancer()
    assert not at.exception
    texte = textes(at)
    for attendu in [f"50{NNBSP}687", f"−4,6{NNBSP}%", f"18{NNBSP}024", f"−12,8{NNBSP}%",
                    f"13{NNBSP}927", f"12{NNBSP}952", f"108{NNBSP}%", f"1{NNBSP}905", f"12{NNBSP}022",
                    f"20{NNBSP}427", f"2{NNBSP}578", f"6{NNBSP}651", f"25{NNBSP}583"]:
        assert attendu in texte, attendu


def test_chaque_chiffre_dit_sa_source():
    at = lancer()
    sources = [c.value for c in at.caption if c.value.startswith("Source :")]
    publiees = [s for s in sources if "Rapport d'activité 2022" in s]
    assert len(publiees) >= 9
    assert any("Observatoire" in s for s in publiees)
    # Anything else on the page comes from the extracts and says so.
    assert all("Rapport d'activité 2022" in s or "extraits" in s for s in sources)


def _jeunes(annee: int) -> pd.DataFrame:
    return pd.read_parquet(config.DEMO_DIR / "jeunes" / f"annee={annee}.parquet")


def test_un_departement_montre_ses_chiffres_de_demonstration():
    at = lancer()
    at.selectbox(key="territoire").set_value("14").run()
    assert not at.exception
    texte = textes(at)
    mls = pd.read_csv(config.SOURCES_DIR / "missions_locales.csv", dtype=str)
    calvados = set(mls.loc[mls["departement"] == "14", "code_ml"])
    j22, j21 = _jeunes(2022), _jeunes(2021)
    n22 = int(j22["code_ml"].isin(calvados).sum())
    n21 = int(j21["code_ml"].isin(calvados).sum())
    assert formats.nombre(n22) in texte
    assert formats.variation(round(100 * (n22 - n21) / n21, 1)) in texte
    assert "Calvados (14)" in texte
    assert "Données de démonstration" in texte
    # The published regional figures are not presented as the department's.
    assert f"50{NNBSP}687" not in texte


def test_lannee_2021_est_calculee_sur_extraits():
    at = lancer()
    at.selectbox(key="annee").set_value(2021).run()
    assert not at.exception
    texte = textes(at)
    assert formats.nombre(len(_jeunes(2021))) in texte
    assert "démonstration" in texte.lower()


def test_le_profil_de_la_region_montre_ses_parts():
    """The region's profile table keeps its "Normandie" column of shares (it once lost it: the territory's
    column has the same name when the territory is the region)."""
    for annee in (2022, 2021):
        at = lancer(annee=annee)
        profil = next(d.value for d in at.dataframe if "Part des jeunes accompagnés" in d.value.columns)
        assert list(profil.columns) == ["Part des jeunes accompagnés", "Normandie"]
        assert profil["Normandie"].str.endswith(f"{NNBSP}%").all()
    femmes = profil.set_index("Part des jeunes accompagnés").loc["Femmes", "Normandie"]
    j21 = _jeunes(2021)
    assert femmes == formats.pourcentage(round(100 * (j21["sexe"] == "F").mean(), 1), 1)
