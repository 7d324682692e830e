"""The weekly CEJ curves of nested territories share their shown weeks: a department's curve minus its
Missions Locales' curves never gives back a week (hence a small count) that a Mission Locale's curve hides.
Every territory's curve on the CEJ page, at the default threshold and at a raised one."""
from __future__ import annotations

import numpy as np
import pytest

from observatoire import config, db, projection
from tests.outils import lancer

NNBSP = "\u202f"


def test_le_calendrier_commun_respecte_chaque_serie():
    inc = np.array([[0, 5, 7, 3, 20, 1, 1], [0, 30, 30, 30, 30, 30, 30]])
    montre = projection.calendrier_commun(inc, 11)
    assert montre.tolist() == [True, False, True, False, False, False, True]
    bornes = np.flatnonzero(montre)
    for a, b in zip(bornes[:-1], bornes[1:]):
        fenetre = inc[:, a + 1:b + 1].sum(axis=1)
        assert ((fenetre == 0) | (fenetre >= 11)).all()


def _courbe(at) -> dict[str, int | None]:
    t = next(d.value for d in at.dataframe if "Entrées cumulées" in d.value.columns)
    return {s: (None if v == "secret" else int(v.replace(NNBSP, "")))
            for s, v in zip(t["Semaine finissant le"], t["Entrées cumulées"])}


@pytest.mark.parametrize("seuil", [11, 60])
def test_les_courbes_imbriquees_ne_se_trahissent_pas(monkeypatch, seuil):
    monkeypatch.setattr(config, "SEUIL_SECRET", seuil)
    terr = db.requete("cej_realisation_par_territoire", annee=2022)
    courbes = {}
    for code in terr["code"]:
        at = lancer("cej.py", annee=2022, territoire=code)
        assert not at.exception, (code, [e.message for e in at.exception])
        courbes[code] = _courbe(at)
    dessinees = {c: k for c, k in courbes.items() if any(v for v in k.values())}
    assert "Normandie" in dessinees
    semaines = {c: [s for s, v in k.items() if v is not None] for c, k in dessinees.items()}

    def pas(serie):
        inc = np.diff(np.array([0] + serie))
        return ((inc == 0) | (inc >= seuil)).all()

    for c, k in dessinees.items():  # each curve: no step of 1 to N−1 between two shown weeks
        assert pas([k[s] for s in semaines[c]]), c
    mls = terr[terr["niveau"] == "mission_locale"]
    deps = [d for d in terr.loc[terr["niveau"] == "departement", "code"] if d in dessinees]
    # the parts of a total share their weeks: the departments; the Missions Locales of each department
    assert len({tuple(semaines[d]) for d in deps}) == 1
    for d in deps:
        vues = [c for c in mls.loc[mls["departement"] == d, "code"] if c in dessinees]
        assert len({tuple(semaines[c]) for c in vues}) <= 1, d
        if vues:
            communes = [s for s in semaines[vues[0]] if s in semaines[d]]
            reste = [dessinees[d][s] - sum(dessinees[c][s] for c in vues) for s in communes]
            assert pas(reste), d   # the department minus its drawn Missions Locales
    # the region stays weekly at 11; where a curve is hidden (60), every curve shares one coarser calendar
    assert len(semaines["Normandie"]) > (40 if seuil == 11 else 4)
