"""The layer's stored tables (observatoire/publication/stockees.py) give the figures the pages computed before
at each view — the queries of the extracts plus the reference mask — and a page view, once the layer is built,
runs none of those queries (issue 13: figures computed once per data version, a page view only reads)."""
import math

import pandas as pd
import pytest

from observatoire import db, formats, modele, publies, recalculs, secret
from observatoire.publication import cej, couche, emploi_formation, perimetre, publics, stockees, thematiques
from observatoire.secret import territoires as reference

ANNEE = 2022
ML = "14-CAE"

# What only the layer's build may run: the queries of the extracts the pages ran at each view before.
LOURDES = {"publics_effectifs", "publics_repartitions", "publics_repartitions_par_territoire", "jeunes_par_territoire",
           "cej_objectif_atteint", "cej_realisation_par_territoire", "emploi_formation_par_territoire",
           "chiffres_regionaux_extraits", "provenance_des_extraits", "emploi_debuts_par_mois_par_mission_locale",
           "cej_profil_entrants_par_territoire", "cej_entrees_par_mois_par_mission_locale"}


def _egal(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


# --- the same figures as before -------------------------------------------------------------------------------

def test_recalculs_du_layer_egaux_a_ceux_des_requetes():
    resultats = {}
    for id_, c in publies.recalculables().items():
        if c.requete not in resultats:
            resultats[c.requete] = db.requete(c.requete, annee=ANNEE, codes_ml=list(modele.codes_ml()))
        assert recalculs.valeur_recalculee(id_, ANNEE) == recalculs.extraire(resultats[c.requete], c), id_
    assert recalculs.valeur_recalculee("jeunes_accompagnes", ANNEE) == 50687.0
    assert recalculs.valeur_recalculee("cej_entrees_total", ANNEE) == 13927.0


def test_provenance_par_table_et_annee():
    brute = db.requete("provenance_des_extraits")
    for table, annee, provenance in zip(brute["table_extrait"], brute["annee"], brute["provenance"]):
        assert perimetre._provenance_brute(table, int(annee)) == provenance
    assert perimetre._provenance_brute("jeunes", 1990) is None


def test_annee_cej_et_objectifs():
    t = db.requete("cej_realisation_par_territoire", annee=ANNEE)
    r = db.requete("cej_objectif_atteint", annee=ANNEE,
                   codes_ml=t.loc[t["niveau"] == "mission_locale", "code"].tolist()).iloc[0]
    cej._annee.cache_clear()
    a = cej.annee(ANNEE)
    assert a.date_fin_extraits == pd.Timestamp(r["date_fin_extraits"]).date()
    assert a.provenance.value == "démonstration" and not a.en_cours
    pd.testing.assert_frame_equal(
        cej._objectifs(ANNEE), t[["niveau", "code", "libelle", "libelle_court", "departement", "objectif_cej"]])
    assert cej.objectif(ANNEE, perimetre.REGION) == 12952


@pytest.mark.parametrize("code", [perimetre.REGION, "14", ML])
def test_repartitions_publics_egales_a_la_requete_et_au_masque(code):
    """Counts, shares and secret flags of every breakdown: the query of the page plus the reference mask (the
    former path) give exactly what the layer gives."""
    f = perimetre.selection(ANNEE, code)
    v = publics._Vue(f)
    brute = db.requete("publics_repartitions", annee=ANNEE, codes_ml=list(f.codes_ml))
    for dimension in ("tranche_age", "niveau", "sexe", "logement", "rqth", "qpv", "zrr"):
        avant = brute[brute["dimension"] == dimension]
        if not v.comparer:
            avant = avant[avant["perimetre"] == "region"]
        avant = reference.repartitions(avant.reset_index(drop=True), ANNEE, v.codes)
        apres = publics._repartition_brute(v, dimension)
        assert list(apres.columns) == list(avant.columns)
        for col in avant.columns:
            assert all(_egal(a, b) for a, b in zip(avant[col], apres[col])), (code, dimension, col)


def test_cartes_publics_d_une_mission_locale():
    cartes = publics.cartes(perimetre.selection(ANNEE, ML))
    eff = db.requete("publics_effectifs", **perimetre.selection(ANNEE, ML).params).set_index("perimetre")
    assert cartes[0].texte == reference.texte(ANNEE, ML, "nb_jeunes", eff.loc["territoire", "nb_jeunes"])
    assert cartes[0].texte == formats.nombre(couche.valeur(ANNEE, ML, "nb_jeunes"))
    assert cartes[1].texte == reference.texte(ANNEE, ML, "nb_premiers_accueils",
                                              eff.loc["territoire", "nb_premiers_accueils"])


def test_emploi_formation_egal_a_la_requete_et_au_masque():
    brut = db.requete("emploi_formation_par_territoire", annee=ANNEE).reset_index(drop=True)
    colonnes = emploi_formation.COLONNES
    masque = reference.cellules(brut, ANNEE, colonnes)
    brut["part_interim_pct"] = 100 * brut["nb_contrats_interim"] / brut["nb_contrats"].where(brut["nb_contrats"] > 0)
    brut["part_region_pct"] = 100 * brut["nb_actions_region"] / brut["nb_actions"].where(brut["nb_actions"] > 0)
    _, affiche, graphe = emploi_formation._comptes(ANNEE)
    pd.testing.assert_frame_equal(affiche, secret.appliquer_masque(brut, masque, emploi_formation.PARTS))
    pd.testing.assert_frame_equal(graphe, secret.appliquer_masque(brut, masque, emploi_formation.PARTS,
                                                                  pour_graphique=True))
    region = affiche[affiche["code"] == perimetre.REGION].iloc[0]
    assert (region["nb_jeunes_emploi"], region["nb_contrats"]) == (20427, 40812)


@pytest.mark.parametrize("code", [perimetre.REGION, "14", ML])
def test_debuts_par_mois_egaux_au_masque_des_mois(code):
    pd.testing.assert_frame_equal(stockees.croisement_mois(ANNEE, code), reference.croisement_mois(ANNEE, code))


@pytest.mark.parametrize("fonction", [thematiques.justice_par_territoire, thematiques.handicap_par_territoire,
                                      thematiques.logement_par_territoire])
def test_thematiques_egales_aux_comptes_et_au_masque(fonction):
    """Each count shown is the query's where the reference mask shows it, "secret" where it hides it."""
    brut = db.requete("jeunes_par_territoire", annee=ANNEE)
    brut.loc[brut["niveau"] == "region", "code"] = perimetre.REGION
    brut = brut.set_index("code")
    libelles = {v: k for k, v in thematiques.libelles_territoires().items()}
    pt = fonction(perimetre.selection(ANNEE, "14"))
    tableau = pt.tableau()
    for col, entete in pt.comptes.items():
        for territoire, texte in zip(tableau["Territoire"], tableau[entete]):
            code = libelles[territoire]
            attendu = (secret.SECRET if reference.est_cache(ANNEE, code, col)
                       else formats.nombre(brut.at[code, col]))
            assert texte == attendu, (code, col)
    assert pt.texte(perimetre.REGION, "nb_jeunes") == formats.nombre(50687)


# --- a page view reads the layer, never the extracts ------------------------------------------------------------

def test_une_vue_de_page_ne_lance_aucune_requete_lourde(monkeypatch):
    couche.construire_tout()  # the layer, as `make data` builds it
    executer = db.requete

    def surveillee(nom, **params):
        if nom in LOURDES:
            raise AssertionError(f"une vue de page a lancé la requête {nom}")
        return executer(nom, **params)

    monkeypatch.setattr(db, "requete", surveillee)
    cej._annee.cache_clear()
    for code in (perimetre.REGION, "14", ML):
        f = perimetre.selection(ANNEE, code)
        for fonction in (publics.age, publics.niveau, publics.sexe, publics.logement, publics.qpv_zrr, publics.rqth,
                         publics.cartes, emploi_formation.par_territoire, thematiques.justice_par_territoire,
                         thematiques.handicap_par_territoire, thematiques.logement_par_territoire):
            fonction(f)
        cej.realisation(ANNEE)
        cej.serie(ANNEE, code)
    assert len(recalculs.comparaison(ANNEE)) > 0
    assert perimetre.provenance_extraits("jeunes", ANNEE).value == "démonstration"


def test_une_execution_de_page_lit_la_version_des_donnees_une_fois(monkeypatch):
    """app.py runs each page inside db.version_figee(): the files' stamps are read once per run, not at each of
    its ~100 cache lookups; outside a run, each call reads them (an import shows at once)."""
    appels = []
    vraie = db._version
    monkeypatch.setattr(db, "_version", lambda build_dir: appels.append(build_dir) or vraie(build_dir))
    with db.version_figee():
        versions = {db.version_donnees() for _ in range(50)}
        with db.version_figee():
            versions.add(db.version_donnees())
    assert len(versions) == 1 and len(appels) == 1
    db.version_donnees()
    db.version_donnees()
    assert len(appels) == 3


@pytest.mark.parametrize("niveau", ["departement", "mission_locale"])
def test_carte_masquee_par_la_couche_comme_par_la_reference(niveau):
    """The map's counts hidden from the layer's cells: the same table as the reference mask gave."""
    from observatoire.publication import territoires

    sources = territoires.sources_disponibles()
    df, _ = territoires.donnees(niveau, ANNEE, sources)
    brut = db.requete("territoire_population", niveau=niveau)[["code", "niveau_ligne", "population_2017"]]
    for source in ("jeunes", "cej"):
        extra = db.requete(f"territoire_{source}", niveau=niveau, annee=ANNEE)
        extra = extra.drop(columns=["depuis_extraits", "population_2017"], errors="ignore")
        brut = brut.merge(extra, on=["code", "niveau_ligne"], how="left")
    brut = territoires._taux_de_la_couche(brut, ANNEE, sources)
    comptes = [c for c in territoires.COMPTES if c in brut.columns]
    parts = {p: s for p, s in territoires.DERIVES_DES_COMPTES.items() if p in brut.columns}
    pd.testing.assert_frame_equal(df, reference.masquer(brut, ANNEE, comptes, parts=parts).reset_index(drop=True))
