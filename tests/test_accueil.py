"""The home page shows each key figure exactly as the report prints it, with its source."""
from tests.outils import lancer, textes

NNBSP = "\u202f"


def test_chiffres_cles_exactement_comme_publies():
    at = lancer()
    assert not at.exception
    texte = textes(at)
    for attendu in [f"50{NNBSP}687", f"−4,6{NNBSP}%", f"18{NNBSP}024", f"−12,8{NNBSP}%",
                    f"13{NNBSP}927", f"12{NNBSP}952", f"108{NNBSP}%", f"1{NNBSP}905", f"12{NNBSP}022"]:
        assert attendu in texte, attendu


def test_chaque_chiffre_dit_sa_source():
    at = lancer()
    sources = [c.value for c in at.caption if c.value.startswith("Source :")]
    assert len(sources) >= 5
    assert all("Rapport d'activité 2022" in s for s in sources)
    assert any("Observatoire" in s for s in sources)
