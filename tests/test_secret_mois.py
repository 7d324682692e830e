"""The monthly starts of Emploi & formation (months × contracts, alternance, training, with a Total row and
column) across every territory: a reader who picks each territory in turn sees every table, and the tables
add up (department = Σ its Missions Locales, region = Σ departments, for each type and month), so a hidden
cell must stay hidden in the union of them all (observatoire/secret/territoires.py, `masque_mois`).

At thresholds 11 and 60, on the demonstration data of 2022, the page is run for each of the 30 territories
and the cells of its monthly table are collected (plus the year's contracts and actions that the reference
mask lets other pages show); then:
  (a) no count shown is between 1 and N − 1, and every count shown is the territory's true count;
  (b) no hidden cell is determined by the linear system of the hierarchy and the partitions of the table
      (month total = Σ types, type total = Σ months) over the union of what is shown.
The true counts come from queries/emploi_situations_par_mois.sql, one territory at a time (what the page
used to show), not from the mask's own table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire import config, db, secret
from observatoire.secret import territoires as ref
from tests.outils import lancer

ANNEE = 2022
SEUILS = [11, 60]
TOTAL = secret.TOTAL
TYPES = ["emploi", "alternance", "formation"]
COLONNES = {"Contrats de travail": "emploi", "Contrats en alternance": "alternance",
            "Actions de formation": "formation", "Total": TOTAL}
MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
LIGNES = {lib: i for i, lib in enumerate(MOIS, 1)} | {"Total": TOTAL}
ANNUELS = {"emploi": "nb_contrats", "formation": "nb_actions"}
SECRET = secret.SECRET


def _nombre(texte: str):
    t = str(texte).strip()
    return SECRET if t == SECRET else float(t.replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))


def _territoires() -> pd.DataFrame:
    return db.requete("territoires_normandie")[["code", "niveau", "departement"]].reset_index(drop=True)


def _codes_ml(code: str) -> list[str]:
    """The Missions Locales of a territory, as the sidebar gives them to the per-territory queries."""
    terr = _territoires()
    mls = terr[terr["niveau"] == "mission_locale"]
    return (mls["code"] if code == config.REGION else
            mls.loc[(mls["departement"] == code) | (mls["code"] == code), "code"]).tolist()


def _vrais(code: str) -> dict[tuple, int]:
    """(type, month) -> count of the territory, totals included, from the per-territory query."""
    m = db.requete("emploi_situations_par_mois", annee=ANNEE, codes_ml=_codes_ml(code))
    large = m.pivot_table(index="mois", columns="type", values="nb_debuts", aggfunc="sum", fill_value=0)
    out = {(t, int(mo)): int(large.at[mo, t]) for mo in large.index for t in TYPES}
    for mo in range(1, 13):
        out[(TOTAL, mo)] = sum(out[(t, mo)] for t in TYPES)
    for t in [*TYPES, TOTAL]:
        out[(t, TOTAL)] = sum(out[(t, mo)] for mo in range(1, 13))
    return out


@pytest.fixture(scope="module", params=SEUILS, ids=[f"seuil{s}" for s in SEUILS])
def collecte(request):
    """(threshold, {(code, type, month): [values shown]}, {(code, type, month): true count})."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(config, "SEUIL_SECRET", request.param)
        mp.setenv("OBSERVATOIRE_VALIDER_GRAPHIQUES", "0")
        vus: dict[tuple, list] = {}
        vrais: dict[tuple, int] = {}
        at = lancer("emploi_formation.py")
        for code in _territoires()["code"]:
            at.selectbox(key="territoire").set_value(code).run()
            assert not at.exception, [e.message for e in at.exception]
            tables = [d.value for d in at.dataframe if {"Mois", "Contrats de travail"} <= set(d.value.columns)]
            assert len(tables) == 1
            for _, r in tables[0].iterrows():
                for entete, t in COLONNES.items():
                    vus.setdefault((code, t, LIGNES[r["Mois"]]), []).append(_nombre(r[entete]))
            vrais.update({(code, t, mo): v for (t, mo), v in _vrais(code).items()})
            # the year's contracts and actions, shown on other pages (cards, sentences, …) where the reference
            # mask shows them
            for t, col in ANNUELS.items():
                if not ref.est_cache(ANNEE, code, col, seuil=request.param):
                    vus[(code, t, TOTAL)].append(float(ref.valeur(ANNEE, code, col)))
        yield request.param, vus, vrais


def _equations() -> tuple[list[tuple], list[secret.Ligne]]:
    terr = _territoires()
    types, mois = [*TYPES, TOTAL], [*range(1, 13), TOTAL]
    cellules = [(code, t, mo) for code in terr["code"] for t in types for mo in mois]
    k = {c: i for i, c in enumerate(cellules)}
    niveaux, deps, codes = terr["niveau"].to_numpy(), terr["departement"].to_numpy(), terr["code"].to_numpy()
    region = codes[niveaux == "region"][0]
    departements = codes[niveaux == "departement"]
    lignes = []
    for t in types:
        for mo in mois:
            lignes.append(secret.Ligne(tuple(k[(d, t, mo)] for d in departements), k[(region, t, mo)]))
            for d in departements:
                mls = codes[(niveaux == "mission_locale") & (deps == d)]
                lignes.append(secret.Ligne(tuple(k[(m, t, mo)] for m in mls), k[(d, t, mo)]))
    for code in codes:
        for mo in mois:
            lignes.append(secret.Ligne(tuple(k[(code, t, mo)] for t in TYPES), k[(code, TOTAL, mo)]))
        for t in types:
            lignes.append(secret.Ligne(tuple(k[(code, t, m)] for m in range(1, 13)), k[(code, t, TOTAL)]))
    return cellules, lignes


def test_a_aucun_debut_montre_sous_le_seuil_et_chacun_est_le_vrai(collecte):
    seuil, vus, vrais = collecte
    petits = [(c, v) for c, vs in vus.items() for v in vs if v != SECRET and 0 < v < seuil]
    assert not petits, petits[:10]
    faux = [(c, v, vrais[c]) for c, vs in vus.items() for v in vs if v != SECRET and v != vrais[c]]
    assert not faux, faux[:10]
    # a cell is hidden or shown, the same on every page that shows it
    assert not [c for c, vs in vus.items() if SECRET in vs and any(v != SECRET for v in vs)]


def test_b_aucune_case_cachee_ne_se_recalcule_avec_tous_les_territoires(collecte):
    seuil, vus, vrais = collecte
    cellules, lignes = _equations()
    v = np.array([vrais[c] for c in cellules], dtype=float)
    # the equations hold on the data: they are what a reader can really write
    assert all(v[list(li.cellules)].sum() == v[li.total] for li in lignes)
    masque = np.array([not any(x != SECRET for x in vus.get(c, [])) for c in cellules])
    assert masque.any()  # something is hidden: the audit audits something
    retrouvees = [(cellules[i], vrais[cellules[i]]) for i in secret.cellules_determinees(masque, lignes)]
    assert not retrouvees, f"{len(retrouvees)} cases retrouvées, dont {retrouvees[:10]}"


def test_sans_secret_le_tableau_mensuel_est_celui_du_territoire(monkeypatch):
    """With nothing to hide, the joint table is what secret.croisement gave of the territory's own query."""
    monkeypatch.setattr(config, "SEUIL_SECRET", 1)
    for code in _territoires()["code"]:
        m = db.requete("emploi_situations_par_mois", annee=ANNEE, codes_ml=_codes_ml(code))
        attendu = secret.croisement(m, "mois", "type", "nb_debuts")
        obtenu = ref.croisement_mois(ANNEE, code)
        pd.testing.assert_frame_equal(obtenu, attendu, check_index_type=False)
