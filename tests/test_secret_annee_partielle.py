"""The acceptance audit of issue 13 on a year imported part-way (2023, extracts stopping on 30 June).

A partial year is where the series leaked most: the projection sentence printed "N entrées du … au …", and
the curve's last point is a day no other channel shows. Here, at thresholds 11 and 60, for every territory,
what the CEJ page (cards, curve, projection method) and the slides (the CEJ slide and the monthly curve,
hence the PowerPoint deck) show of 2023 is collected as cells of the reference table, then:
  (a) every count shown is the layer's (the reference's true value, or "secret"), and none is 1 to N−1;
  (b) a cell hidden by the mask is shown nowhere;
  (d) no two shown points of one territory's series (0 on 1 January included) differ by 1 to N−1;
  (e) no hidden cell's feasible range (linear programming, values ≥ 0), given every cell the layer shows for the
      year, lies inside 1…N−1 or is a single value.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from observatoire import config, secret
from observatoire.secret import territoires as ref
from observatoire.sorties import diapositives
from tests.outils import lancer, textes
from tests.test_cej import annee_partielle  # noqa: F401  (the fixture: 2023 imported until 30 June)
from tests.test_secret_territoires import Collecte, _cartes, _gras, _tableau, intervalles_caches, noter_serie

ANNEE = 2023
SECRET = secret.SECRET
MOIS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def _collecter(c: Collecte) -> None:
    at = lancer("cej.py")
    at.selectbox(key="annee").set_value(ANNEE).run()
    for code in c.codes_territoires:
        at.selectbox(key="territoire").set_value(code).run()
        assert not at.exception, [e.message for e in at.exception]
        for libelle, valeur, dessous in _cartes(at):
            # the report's cards (« … en 2022 ») stay beside, with their published badge
            if libelle.startswith("Entrées en Garantie Jeunes et CEJ ") \
                    and not libelle.endswith(str(config.ANNEE_RAPPORT)):
                c.compte("CEJ (cartes)", code, "nb_entrees", valeur, ANNEE)
                c.compte("CEJ (cartes)", code, "nb_entrees_cej", _gras(dessous)[0], ANNEE)
        courbe = _tableau(at, "Date", "Entrées cumulées")
        if courbe:
            noter_serie(c, "CEJ (courbe)", code, courbe[0]["Date"], courbe[0]["Entrées cumulées"], ANNEE)
        # the projection's method names two points of the curve, with their counts
        for ligne in textes(at).splitlines():
            if "À ce rythme" in ligne:
                points = re.findall(r"le (\d+(?:er)? [a-zéû]+) 2023 \(([\d\u202f]+)", ligne)
                noter_serie(c, "CEJ (projection)", code, [d for d, _ in points], [n for _, n in points], ANNEE)
        for d in diapositives.diapos(ANNEE, code):
            if d.cle == "rythme_cej":
                noter_serie(c, "diapositive rythme_cej", code, d.donnees["Date"], d.donnees["Entrées cumulées"],
                            ANNEE)
            elif d.cle == "cej":
                chiffres = {ch.libelle.replace("\u00a0", " "): ch for ch in d.chiffres}
                c.compte("diapositive cej", code, "nb_entrees",
                         chiffres["entrées en Garantie Jeunes et CEJ"].valeur, ANNEE)


@pytest.mark.parametrize("seuil", [11, 60])
def test_audit_d_une_annee_importee_en_cours(annee_partielle, monkeypatch, seuil):  # noqa: F811
    monkeypatch.setattr(config, "SEUIL_SECRET", seuil)
    c = Collecte(seuil)
    c.codes_territoires = list(ref.comptes(ANNEE)[0]["code"])
    _collecter(c)
    assert not c.erreurs, c.erreurs[:10]  # what is shown is the layer's value
    sources = {s for vus in c.vus.values() for s, _ in vus}
    assert {"CEJ (cartes)", "CEJ (courbe)", "CEJ (projection)", "diapositive rythme_cej"} <= sources, sources
    montres = [(k, s, v) for k, vus in c.vus.items() for s, v in vus if v != SECRET]
    assert not [m for m in montres if 0 < m[2] < seuil], "(a) un effectif de 1 à N−1 est montré"
    masque = ref.masque(ANNEE, seuil)
    assert not [m for m in montres if masque.at[m[0][1], m[0][2]]], "(b) une case cachée est montrée"
    points: dict[str, dict[int, float]] = defaultdict(dict)
    for (_, code, col), s, v in montres:
        if col.startswith("cej_cumul_m"):
            points[code][int(col[-2:])] = v
    assert len(points) >= 5 and max(len(p) for p in points.values()) == 6  # January to June were read
    ecarts = []
    for code, par_mois in points.items():
        suite = [0.0] + [par_mois[m] for m in sorted(par_mois)]
        ecarts += [(code, a, b) for a, b in zip(suite, suite[1:]) if 0 < b - a < seuil]
    assert not ecarts, f"(d) {ecarts[:10]}"
    # (e) the interval audit in the worst case: the reader knows every cell the layer shows for 2023
    fuites = intervalles_caches(c, ANNEE, tout_ce_que_la_couche_montre=True)
    assert not fuites, f"(e) {fuites[:10]}"
