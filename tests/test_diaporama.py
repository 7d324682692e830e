"""The PowerPoint deck reopens with python-pptx: 16:9, one message per slide, figures as published,
a footer with the source on every slide, charts as images with alternative text, demonstration flagged."""
import io
import re

import pytest
from pptx import Presentation
from pptx.util import Inches

from observatoire.sorties import diaporama, diapositives

NN = "\u202f"


@pytest.fixture(scope="module")
def deck_region():
    return Presentation(io.BytesIO(diaporama.deck(2022, "Normandie")))


def textes(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def pied(slide) -> str:
    pieds = [s for s in slide.shapes if s.name == diaporama.NOM_PIED]
    assert len(pieds) == 1
    return pieds[0].text_frame.text


def test_format_16_9_et_une_diapositive_par_message(deck_region):
    assert (deck_region.slide_width, deck_region.slide_height) == (Inches(13.333), Inches(7.5))
    attendues = diapositives.diapos(2022, "Normandie")
    assert len(deck_region.slides) == 1 + len(attendues)
    titres = [s.shapes.title.text for s in deck_region.slides]
    assert titres[0] == "Missions Locales de Normandie\u00a0: l'essentiel de 2022"
    assert titres[1:] == [d.titre for d in attendues]
    assert titres[1] == f"En 2022, 50{NN}687 jeunes ont été accompagnés par les 24 Missions Locales de Normandie"
    assert [d.cle for d in attendues] == ["chiffres", "cej", "rythme_cej", "carte", "publics", "emploi", "thematiques"]


def test_chiffres_publies_et_source_en_pied_de_chaque_diapositive(deck_region):
    slides = list(deck_region.slides)
    for s in slides:
        assert "Source" in pied(s), s.shapes.title.text
    chiffres = textes(slides[1])
    for attendu in (f"50{NN}687", f"−4,6{NN}% par rapport à 2021", f"18{NN}024", f"−12,8{NN}% par rapport à 2021"):
        assert attendu in chiffres
    assert pied(slides[1]).startswith(
        "Publié (rapport 2022) — Source : ARML Normandie, Rapport d'activité 2022 – Observatoire — Normandie, 2022 — ")
    assert all(", 2022 — " in pied(s) for s in slides[1:])  # a slide copied alone keeps its scope and date
    cej = textes(slides[2])
    assert f"13{NN}927" in cej and f"12{NN}952" in cej and f"108{NN}%" in cej


def test_graphiques_en_image_avec_texte_alternatif(deck_region):
    images = [sh for s in deck_region.slides for sh in s.shapes if sh.shape_type == 13]  # PICTURE
    assert len(images) == sum(d.graphique is not None for d in diapositives.diapos(2022, "Normandie"))
    for im in images:
        assert im.image.content_type == "image/png" and len(im.image.blob) > 5_000
        assert im._element.nvPicPr.cNvPr.get("descr")


def test_demonstration_signalee_et_secret_respecte():
    prs = Presentation(io.BytesIO(diaporama.deck(2022, "14-BSE")))
    for s in list(prs.slides)[1:]:
        assert "Démonstration — Source" in pied(s)
        assert any(sh.name == "Avertissement démonstration" for sh in s.shapes)
    # 7 young people under court supervision in this Mission Locale's demonstration data: "secret".
    derniere = textes(list(prs.slides)[-1])
    assert "secret\njeunes placés sous main de justice" in derniere


def test_police_de_bureau_et_pied_mesure_pour_tenir_sur_une_ligne(deck_region):
    from observatoire.sorties.tableurs import largeur_texte

    noms = {r.font.name for s in deck_region.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs}
    assert noms == {"Arial"}  # no DejaVu Sans, which office PCs do not have
    largeur_pt = (deck_region.slide_width - 2 * diaporama.MARGE - 2 * diaporama.MARGE_INTERNE) / 12700
    for numero, s in enumerate(deck_region.slides):
        [pied] = [sh for sh in s.shapes if sh.name == diaporama.NOM_PIED]
        for p in pied.text_frame.paragraphs:
            taille = p.runs[0].font.size.pt
            assert taille >= 9 and largeur_texte(p.text, taille) <= largeur_pt, p.text
        if numero:  # the date ends each slide's footer, in one piece ("7 décembre 2026" never wraps)
            assert re.search(r"— \d{1,2}(er)?\u00a0[a-zéû]+\u00a0\d{4}$", pied.text_frame.text), pied.text_frame.text


def test_emploi_alternance_comptee_parmi_les_entres_en_entreprise(deck_region):
    [emploi] = [d for d in diapositives.diapos(2022, "Normandie") if d.cle == "emploi"]
    assert emploi.titre == f"En 2022, 20{NN}427 jeunes accompagnés sont entrés en entreprise"
    assert [c.libelle for c in emploi.chiffres[:3]] == ["jeunes entrés en entreprise", "dont en alternance",
                                                         "jeunes entrés en formation"]
    assert [c.valeur for c in emploi.chiffres[:3]] == [f"20{NN}427", f"2{NN}510", f"6{NN}651"]
    [cej] = [d for d in diapositives.diapos(2022, "Normandie") if d.cle == "cej"]
    assert "objectif conventionné avec l'État" in [c.libelle for c in cej.chiffres]


def test_les_graphiques_des_fichiers_parlent_francais_hors_de_l_application():
    """In a process that never loads the views (make rapports, a script), the slides' charts still take the one
    theme: French decimal comma and month names (the deck's map legend read 18.5 and its curve Jan, Feb)."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = ("from observatoire.sorties import diaporama, diapositives\n"
              "import json\n"
              "d = {x.cle: x for x in diapositives.diapos(2022, '14-BSE')}\n"
              "print(json.dumps([diaporama.spec_graphique(d[c], 5000000, 3000000)['config']['locale']\n"
              "                  for c in ('carte', 'rythme_cej')]))\n")
    sortie = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=diaporama.config.ROOT).stdout
    import json  # noqa: PLC0415

    for locale in json.loads(sortie.strip().splitlines()[-1]):
        assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == NN
        assert locale["time"]["shortMonths"][0].lower().startswith("janv")
