"""No count under the secrecy threshold travels to the browser inside a chart's data, drawn or not: what is
in a Vega-Lite spec can be read from the page (developer tools), whatever the chart shows. Every page, for
small territories at the default threshold and at a raised one."""
from __future__ import annotations

import json

import pyarrow as pa
import pytest

from observatoire import config
from observatoire.pages_registre import PAGES
from tests.outils import lancer

# Fields that hold counts of young people, entries, contracts… (shares, rates, objectives and dates are not).
MOTS_COMPTE = ("nb", "jeunes", "entree", "entrées", "effectif", "cumul", "nombre", "contrat", "situation", "debut")
MOTS_NON_COMPTE = ("pct", "part", "taux", "objectif", "pour_1000", "population", "ordre", "annee", "mois", "rang")


def _lignes(proto) -> list[dict]:
    spec = json.loads(proto.spec)
    lignes = [r for rows in (spec.get("datasets") or {}).values() for r in rows]
    if isinstance(spec.get("data"), dict):
        lignes += list(spec["data"].get("values") or [])
    for d in proto.datasets:
        lignes += pa.ipc.open_stream(d.data.data).read_all().to_pylist()
    if proto.data.data:
        lignes += pa.ipc.open_stream(proto.data.data).read_all().to_pylist()
    return [r for r in lignes if isinstance(r, dict)]


def _est_compte(champ: str) -> bool:
    c = champ.lower()
    return any(m in c for m in MOTS_COMPTE) and not any(m in c for m in MOTS_NON_COMPTE)


def _graphiques(noeud, sortie: list) -> list:
    for enfant in getattr(noeud, "children", {}).values():
        if getattr(enfant, "type", "") in ("vega_lite_chart", "arrow_vega_lite_chart"):
            sortie.append(enfant.proto)
        _graphiques(enfant, sortie)
    return sortie


@pytest.mark.parametrize("seuil", [11, 60])
@pytest.mark.parametrize("territoire", ["14-BSE", "61-ALE", "61"])
def test_aucun_petit_effectif_dans_les_donnees_des_graphiques(monkeypatch, seuil, territoire):
    monkeypatch.setattr(config, "SEUIL_SECRET", seuil)
    fautes = []
    for page in PAGES:
        at = lancer(None if page is PAGES[0] else page.fichier, annee=2022, territoire=territoire)
        assert not at.exception, (page.fichier, [e.message for e in at.exception])
        for proto in _graphiques(at._tree, []):
            for r in _lignes(proto):
                for champ, v in r.items():
                    if (_est_compte(champ) and isinstance(v, (int, float)) and not isinstance(v, bool)
                            and 0 < v < seuil and float(v).is_integer()):
                        fautes.append((page.fichier, champ, v))
    assert not fautes, sorted(set(fautes))[:20]
