"""Territory sheets (observatoire/sorties/fiche.py, typeset by Typst): the PDF's text (read back with pypdf) holds
the key figures, in French typography (U+202F kept), with sources and provenance; demonstration marked; at most
two pages. Fonts, sizes and cut words are checked in real clients by tests/test_rapport.py."""
import io

import pytest
from pypdf import PdfReader

from observatoire import config, formats
from observatoire.sorties import fiche, phrases

NN = "\u202f"


def texte_pdf(contenu: bytes) -> tuple[str, int]:
    lecteur = PdfReader(io.BytesIO(contenu))
    return "\n".join(p.extract_text() for p in lecteur.pages), len(lecteur.pages)


@pytest.fixture(scope="module")
def region():
    return texte_pdf(fiche.fiche(2022, "Normandie"))


def test_fiche_region_chiffres_publies(region):
    texte, pages = region
    assert pages <= 2
    assert "Normandie — 2022" in texte
    for attendu in (f"Jeunes accompagnés 50{NN}687 Observatoire", f"−4,6{NN}%", f"18{NN}024", f"−12,8{NN}%",
                    f"13{NN}927", f"12{NN}952", f"108{NN}%", f"36,8{NN}%", f"20{NN}427"):
        assert attendu in texte, attendu
    assert "publié (rapport 2022)" in texte
    assert "ARML Normandie, Rapport d'activité 2022" in texte
    # The map is demonstration data, and says so.
    assert "DONNÉES DE DÉMONSTRATION" in texte


@pytest.mark.parametrize("code", ["14", "76-ROU"])
def test_fiche_territoire_comparee_a_la_region_en_demonstration(code):
    texte, pages = texte_pdf(fiche.fiche(2022, code))
    assert pages <= 2
    c = phrases.chiffres_territoire(2022, code)
    r = phrases.chiffres_territoire(2022, config.REGION)
    assert f"Jeunes accompagnés {formats.nombre(c['nb_jeunes'])} {formats.nombre(r['nb_jeunes'])}" in texte
    assert f"Jeunes en premier accueil {formats.nombre(c['nb_premiers_accueils'])} " \
           f"{formats.nombre(r['nb_premiers_accueils'])}" in texte
    assert "Données de démonstration" in texte and "aucun territoire réel" in texte
    assert "Provenance\u00a0: démonstration" in texte  # French typography: no-break space before the colon
    assert "Secret statistique" in texte


def test_chaque_territoire_a_sa_fiche_sans_effectif_sous_le_seuil():
    # The smallest Mission Locale of the demonstration data: its justice count is hidden.
    texte, _ = texte_pdf(fiche.fiche(2022, "14-BSE"))
    assert "Jeunes placés sous main de justice secret 733" in texte
    assert "Baie de Seine" in texte and "02 31 89 55 24" in texte  # contacts from the report
