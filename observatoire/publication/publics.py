"""Publics accompagnés: what the page shows for a year and a territory, computed and protected here, drawn by
pages/publics.py. The breakdowns of the young people supported (age, qualification, sex, QPV/ZRR, housing, RQTH),
the territory beside the region, secret cells from the year's reference mask (observatoire/secret/territoires.py:
the same cells on every page and for every territory), each with its table, its one-sentence reading and where it
comes from; over the demonstration extracts, the region's shares are the report's published figures."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from observatoire import config, formats, modele, secret
from observatoire.secret import territoires as secret_territoires
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publication import couche, stockees  # noqa: F401 - stockees registers the tables read here
from observatoire.publication.perimetre import Filtres, annees
from observatoire.publies import Indicateur, publie_de, tous

NORMANDIE = "Normandie"

# The measure of a cell of queries/publics_repartitions.sql -> its column; which published figure a regional
# cell gives back is data/sources/correspondances.csv (tests/test_demo.py checks the equality over the
# demonstration extracts).
COLONNES = {"part": "part_pct", "nb": "nb_jeunes"}

PARLANTES = [(50.0, "un jeune accompagné sur deux"), (33.3, "un jeune accompagné sur trois"),
             (25.0, "un jeune accompagné sur quatre"), (20.0, "un jeune accompagné sur cinq"),
             (10.0, "un jeune accompagné sur dix"), (66.7, "deux jeunes accompagnés sur trois"),
             (75.0, "trois jeunes accompagnés sur quatre")]
LIBELLES_QPV_ZRR = {"qpv": "Quartier prioritaire de la politique de la ville (QPV)",
                    "zrr": "Zone de revitalisation rurale (ZRR)"}


@dataclass(frozen=True)
class Repartition:
    """One chart of the page: its rows (territory beside region), the table a reader can check, and its words."""
    titre: str
    cle: str
    lignes: pd.DataFrame    # perimetre, perimetre_libelle, modalite, modalite_libelle, nb_jeunes, part_pct, part, ordre
    tableau: pd.DataFrame   # French, "secret" where hidden
    lecture: str
    provenance: Provenance
    source: str
    note: str | None
    titre_axe: str = "Part des jeunes accompagnés"
    affiches: tuple[str, ...] = ()  # published figures it shows (the tests check each figure is shown somewhere)

    @property
    def avertissements(self) -> tuple[str, ...]:
        """The caveats of the published figures it shows (the sex split's uncertain pairing), for its files."""
        from observatoire.publication.thematiques import avertissements  # noqa: PLC0415

        return avertissements([tous()[i] for i in self.affiches])


@dataclass(frozen=True)
class Carte:
    """A headline figure: a published one (`indicateur`), or a count of the extracts with its words."""
    libelle: str
    texte: str = ""
    provenance: Provenance | None = None
    source: str = ""
    complement: str | None = None
    indicateur: Indicateur | None = None
    affiches: tuple[str, ...] = ()  # published figures it shows (itself, or the region's beside a territory's)


@dataclass
class _Vue:
    """What every function of this module derives from the selection (the page's former globals)."""
    f: Filtres
    affiches: list[str] = field(default_factory=list)

    @property
    def comparer(self) -> bool:
        return not self.f.est_region

    @property
    def prefixe(self) -> str:
        """How a sentence opens: « En Normandie, … », « Dans l'Eure, … », « À la Mission Locale …, … »."""
        return self.f.dans[0].upper() + self.f.dans[1:]

    @property
    def principal(self) -> str:
        return "territoire" if self.comparer else "region"

    @property
    def codes(self) -> dict[str, str]:
        return {"territoire": self.f.code, "region": NORMANDIE}

    def publie(self, dimension: str, modalite: str, mesure: str, annee: int | None = None) -> Indicateur | None:
        """The published (or derived) figure a regional cell equals, for the year, if any. Only over
        demonstration extracts: real extracts are shown as computed, whatever the report says."""
        annee = annee or self.f.annee
        if self.f.provenance != Provenance.DEMO:
            return None
        return publie_de("publics_repartitions", COLONNES[mesure], annee, perimetre="region", dimension=dimension,
                         modalite=modalite)

    def noter(self, *inds: Indicateur | None) -> None:
        self.affiches.extend(i.id for i in inds if i is not None)

    def source_extraits(self) -> str:
        if self.f.provenance == Provenance.EXTRAITS:
            return "Extraits du système d'information des Missions Locales"
        return "Données de démonstration (extraits générés par l'observatoire)"

    def comparaison(self, g: pd.DataFrame, modalite: str) -> str:
        return f", contre {pct(part_de(g, 'region', modalite))} en Normandie" if self.comparer else ""


def pct(x) -> str:
    return secret.SECRET if pd.isna(x) else formats.pourcentage(x, 1)


def part_de(g: pd.DataFrame, perimetre: str, modalite: str) -> float:
    ligne = g[(g["perimetre"] == perimetre) & (g["modalite"] == modalite)]
    return ligne["part_pct"].iloc[0] if len(ligne) else float("nan")


def parlante(p: float) -> str | None:
    """'un jeune accompagné sur deux' for 50,5 %: a share said in words when it is close to a simple fraction."""
    if pd.isna(p):
        return None
    for valeur, texte in PARLANTES:
        if abs(p - valeur) <= 0.03 * valeur:
            return texte
    return None


# --- rows of a chart ---------------------------------------------------------------------------------------

def _repartition_brute(v: _Vue, dimension: str, annee: int | None = None) -> pd.DataFrame:
    """One breakdown of the year's young people, territory and region, protected: the counts are the layer's
    cells (couche.chiffres, <NA> = secret), the categories those of the year (the stored `publics_grille`).
    Columns perimetre, dimension, modalite, nb_jeunes (float, NaN = secret), part_pct (% of the perimeter's
    young people, NaN where the count or the total is secret: share × total would give the count back),
    provenance, secret."""
    annee = annee or v.f.annee
    grille = couche.lire("publics_grille", annee)
    grille = grille[grille["dimension"] == dimension]
    chiffres = couche.chiffres(annee)
    morceaux = []
    for perimetre in (("territoire", "region") if v.comparer else ("region",)):
        ligne = chiffres.loc[_code(v.codes[perimetre])]
        nb = pd.array([ligne.get(secret_territoires.colonne_publics(d, m), 0)
                       for d, m in zip(grille["dimension"], grille["modalite"])], dtype="Float64")
        total = ligne["nb_jeunes"]
        cache = np.asarray(nb.isna(), dtype=bool) | pd.isna(total)
        # the share of queries/publics_repartitions.sql: 100.0 × count / Σ the breakdown (= the young people)
        part = 100.0 * nb / (pd.NA if pd.isna(total) or total == 0 else float(total))
        morceaux.append(pd.DataFrame({
            "perimetre": perimetre, "dimension": grille["dimension"].to_numpy(),
            "modalite": grille["modalite"].to_numpy(),
            "nb_jeunes": nb.to_numpy(float, na_value=float("nan")),
            "part_pct": part.to_numpy(float, na_value=float("nan")),
            "provenance": grille["provenance"].to_numpy(), "secret": cache}))
    return pd.concat(morceaux, ignore_index=True)


def _code(code: str) -> str:
    return config.REGION if str(code).lower() == config.REGION.lower() else str(code)


def _proteger(v: _Vue, df: pd.DataFrame) -> pd.DataFrame:
    """The rows of a breakdown, already protected by the layer, with the territory's name."""
    g = df.drop(columns="dimension")
    g["perimetre_libelle"] = g["perimetre"].map({"territoire": v.f.libelle, "region": NORMANDIE})
    return g


def _trier(g: pd.DataFrame, cle_secondaire: str = "ordre") -> pd.DataFrame:
    g["part"] = g["part_pct"] / 100  # fraction: the chart formats it with the French locale (".1%")
    g = g[[c for c in g.columns if c != "ordre"] + ["ordre"]]  # the chart's data, column for column as before
    return g.sort_values(["perimetre", cle_secondaire], ascending=[False, True], ignore_index=True)


def _lignes(v: _Vue, dimension: str, ordre: list[str]) -> pd.DataFrame:
    g = _proteger(v, _repartition_brute(v, dimension))
    libelles = modele.LIBELLES.get(dimension, {})
    g["modalite_libelle"] = g["modalite"].map(lambda m: libelles.get(m, {"non_renseigne": "Non renseigné"}.get(m, m)))
    g["ordre"] = g["modalite"].map({m: i for i, m in enumerate(ordre)}).fillna(len(ordre))
    return _trier(g)


# --- provenance --------------------------------------------------------------------------------------------

def _provenance_ligne(v: _Vue, dimension: str, perimetre: str, modalite: str) -> str:
    """Provenance said per row of a data table."""
    if perimetre == "territoire" and v.comparer:
        return v.f.provenance.libelle
    part, nb = v.publie(dimension, modalite, "part"), v.publie(dimension, modalite, "nb")
    if part and nb:
        return f"{part.provenance.libelle} – {part.source}"
    if part:
        return f"part : {part.provenance.libelle} – {part.source} ; effectif : {v.f.provenance.libelle}"
    return v.f.provenance.libelle


def _provenance_graphique(v: _Vue, dimension: str, modalites: list[str]) -> tuple[Provenance, str, str | None]:
    """Badge, source and note of a chart: published when the region alone is shown and each of its shares is a
    published figure; otherwise the extracts' provenance, with a note on the region."""
    inds = [v.publie(dimension, m, "part") for m in modalites]
    if inds and all(inds):
        sections = ", ".join(dict.fromkeys(i.source for i in inds))
        v.noter(*inds, *(v.publie(dimension, m, "nb") for m in modalites))
        if not v.comparer:
            return inds[0].provenance, f"{SOURCE_RAPPORT} – {sections}", None
        return v.f.provenance, v.source_extraits(), f"Normandie : parts publiées dans le rapport 2022 ({sections})"
    return v.f.provenance, v.source_extraits(), None


def _tableau(v: _Vue, g: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The data table under a chart, in French, secret cells written "secret"."""
    return pd.DataFrame({
        "Territoire": g["perimetre_libelle"],
        "Catégorie": g["modalite_libelle"],
        "Jeunes accompagnés": [secret.SECRET if pd.isna(n) else formats.nombre(n) for n in g["nb_jeunes"]],
        "Part": [pct(p) for p in g["part_pct"]],
        "Provenance": [_provenance_ligne(v, dimension, p, m) for p, m in zip(g["perimetre"], g["modalite"])],
    })


def _repartition(v: _Vue, titre: str, dimension: str, ordre: tuple[str, ...], lecture, cle: str) -> Repartition:
    g = _lignes(v, dimension, list(ordre))
    prov, source, note = _provenance_graphique(v, dimension, list(ordre))
    return Repartition(titre, cle, g, _tableau(v, g, dimension), lecture(v, g), prov, source, note,
                       affiches=tuple(v.affiches))


# --- readings ----------------------------------------------------------------------------------------------

def _lecture_age(v: _Vue, g: pd.DataFrame) -> str:
    lignes = g[g["perimetre"] == v.principal]
    if lignes["part_pct"].isna().any():
        return f"{v.prefixe}, certaines tranches d'âge sont couvertes par le secret statistique."
    top = lignes.loc[lignes["part_pct"].idxmax()]
    return (f"{v.prefixe}, les {top['modalite_libelle']} forment la tranche la plus nombreuse des jeunes "
            f"accompagnés : {pct(top['part_pct'])}{v.comparaison(g, top['modalite'])} ; les mineurs (16-17 ans) "
            f"en représentent {pct(part_de(g, v.principal, modele.TRANCHES_AGE[0]))}.")


def _lecture_part(v: _Vue, g: pd.DataFrame, modalite: str, cache: str, singulier: str, pluriel: str,
                  suite: str) -> str:
    """« Dans …, un jeune accompagné sur deux (50,5 %) <singulier>, contre … en Normandie ; <suite>. », the share of
    `modalite` said in words when it is close to a simple fraction (« 50,5 % des jeunes accompagnés <pluriel> »
    otherwise); « Dans …, <cache> par le secret statistique. » when it is hidden."""
    p = part_de(g, v.principal, modalite)
    if pd.isna(p):
        return f"{v.prefixe}, {cache} par le secret statistique."
    mots = parlante(p)
    debut = f"{mots} ({pct(p)}) {singulier}" if mots else f"{pct(p)} des jeunes accompagnés {pluriel}"
    return f"{v.prefixe}, {debut}{v.comparaison(g, modalite)} ; {suite}."


def _lecture_niveau(v: _Vue, g: pd.DataFrame) -> str:
    superieur = part_de(g, v.principal, "superieur")
    return _lecture_part(v, g, "sans_diplome", "le nombre de jeunes sans diplôme est couvert", "est sans diplôme",
                         "sont sans diplôme", f"{pct(superieur)} ont un diplôme du supérieur")


def _lecture_sexe(v: _Vue, g: pd.DataFrame) -> str:
    pf, ph = part_de(g, v.principal, "F"), part_de(g, v.principal, "H")
    if pd.isna(pf) or pd.isna(ph):
        return f"{v.prefixe}, la répartition par sexe est couverte par le secret statistique."
    majo, p = ("hommes", ph) if ph >= pf else ("femmes", pf)
    incertain = " (appariement incertain, voir la note)" if v.f.provenance == Provenance.DEMO else ""
    return (f"{v.prefixe}, les {majo} sont majoritaires : {pct(p)} des jeunes accompagnés"
            f"{v.comparaison(g, 'H' if majo == 'hommes' else 'F')}{incertain}.")


def _lecture_logement(v: _Vue, g: pd.DataFrame) -> str:
    heberges = "sont hébergés par leurs parents ou leur famille"
    return _lecture_part(v, g, "parents_famille", "la situation de logement est couverte", heberges, heberges,
                         f"{pct(part_de(g, v.principal, 'precaire'))} sont en précarité ou en situation complexe")


# --- the page's content, in order ---------------------------------------------------------------------------

def age(f: Filtres) -> Repartition:
    return _repartition(_Vue(f), "Âge des jeunes accompagnés", "tranche_age", modele.TRANCHES_AGE, _lecture_age,
                        "publics_age")


def niveau(f: Filtres) -> Repartition:
    return _repartition(_Vue(f), "Niveau de qualification", "niveau", modele.NIVEAUX, _lecture_niveau,
                        "publics_niveau")


def sexe(f: Filtres) -> Repartition:
    return _repartition(_Vue(f), "Sexe", "sexe", modele.SEXES, _lecture_sexe, "publics_sexe")


def logement(f: Filtres) -> Repartition:
    return _repartition(_Vue(f), "Situation de logement", "logement", modele.LOGEMENTS, _lecture_logement,
                        "publics_logement")


def note_sexe() -> tuple[str, tuple[str, ...]]:
    """Why the sex split is flagged, and the published figures it quotes."""
    tout = tous()
    femmes, hommes = tout["publics_part_femmes"].texte, tout["publics_part_hommes"].texte
    return (f"Le rapport 2022 publie «\u202f{femmes}\u202f» et «\u202f{hommes}\u202f» sans dire lequel correspond aux "
            f"femmes : l'observatoire retient {femmes} de femmes et {hommes} d'hommes. Cet appariement est "
            "incertain.", ("publics_part_femmes", "publics_part_hommes"))


def qpv_zrr(f: Filtres) -> Repartition:
    """One line per indicator: the yes/no pairs go through secrecy, the 'yes' is shown."""
    v = _Vue(f)
    qz = pd.concat([_repartition_brute(v, d).assign(indicateur=d) for d in ("qpv", "zrr")], ignore_index=True)
    g = _proteger(v, qz)
    g = g[g["modalite"] == "oui"].copy()
    g["modalite"] = g["indicateur"]
    g["modalite_libelle"] = g["indicateur"].map(LIBELLES_QPV_ZRR)
    g["ordre"] = g["indicateur"].map({"qpv": 0, "zrr": 1})
    g = _trier(g)
    prov, source, note = v.f.provenance, v.source_extraits(), None
    inds = [v.publie("qpv", "oui", "part"), v.publie("zrr", "oui", "part")]
    if all(inds):
        v.noter(*inds)
        if v.comparer:
            note = f"Normandie : parts publiées dans le rapport 2022 ({inds[0].source})"
        else:
            prov, source = inds[0].provenance, f"{SOURCE_RAPPORT} – {inds[0].source}"
    tableau = _tableau(v, g, "qpv_zrr")
    tableau["Provenance"] = [_provenance_ligne(v, m, p, "oui") for p, m in zip(g["perimetre"], g["indicateur"])]
    pq, pz = part_de(g, v.principal, "qpv"), part_de(g, v.principal, "zrr")
    lecture = (f"{v.prefixe}, {pct(pq)} des jeunes accompagnés vivent dans un quartier prioritaire de la politique "
               f"de la ville et {pct(pz)} dans une zone de revitalisation rurale")
    if v.comparer:
        lecture += f" (Normandie : {pct(part_de(g, 'region', 'qpv'))} et {pct(part_de(g, 'region', 'zrr'))})"
    return Repartition("Quartiers prioritaires (QPV) et zones de revitalisation rurale (ZRR)", "publics_qpv_zrr", g,
                       tableau, lecture + ".", prov, source, note, affiches=tuple(v.affiches))


def _annees_rqth(f: Filtres) -> list[int]:
    """The year shown and the year before, when the extracts have it."""
    presentes = set(annees()["annee"].astype(int))
    return [a for a in (f.annee - 1, f.annee) if a in presentes]


def _publie_rqth(v: _Vue, annee: int) -> Indicateur | None:
    return v.publie("rqth", "oui", "part", annee=annee) if annee in (2021, 2022) else None


def _lecture_rqth(v: _Vue, g: pd.DataFrame) -> str:
    f = v.f
    cur = g[(g["perimetre"] == v.principal) & (g["annee"] == f.annee)].iloc[0]
    if pd.isna(cur["part_pct"]):
        return (f"{v.prefixe}, le nombre de jeunes reconnus travailleurs handicapés est couvert par le secret "
                "statistique.")
    texte = (f"{v.prefixe}, {pct(cur['part_pct'])} des jeunes accompagnés sont reconnus travailleurs handicapés "
             f"en {f.annee}, soit {formats.nombre(cur['nb_jeunes'])} jeunes")
    estime = v.publie("rqth", "oui", "nb") if cur["perimetre"] == "region" else None
    if estime is not None:  # the report gives the share only: the count is derived from it, and says so
        part, jeunes = tous()["handicap_part_rqth"], tous()["jeunes_accompagnes"]
        v.noter(part, jeunes)
        texte = (f"{v.prefixe}, {pct(cur['part_pct'])} des jeunes accompagnés sont reconnus travailleurs handicapés "
                 f"en {f.annee}, soit environ {estime.texte} jeunes (estimation dérivée des chiffres publiés : "
                 f"{part.texte} × {jeunes.texte})")
    avant = g[(g["perimetre"] == v.principal) & (g["annee"] == f.annee - 1)]
    if len(avant):
        texte += f", contre {pct(avant['part_pct'].iloc[0])} en {f.annee - 1}"
    return texte + "."


def _provenance_rqth(v: _Vue, perimetre: str, annee: int) -> str:
    if perimetre == "territoire" and v.comparer:
        return v.f.provenance.libelle
    ind = _publie_rqth(v, annee)
    if ind:
        v.noter(ind)
        return f"part : {ind.provenance.libelle} – {ind.source} ; effectif : {v.f.provenance.libelle}"
    return v.f.provenance.libelle


def rqth(f: Filtres) -> Repartition:
    """The share of young people with a RQTH, the year shown beside the year before when present."""
    v = _Vue(f)
    annees_rqth = _annees_rqth(f)
    morceaux = []
    for a in annees_rqth:
        d = _proteger(v, _repartition_brute(v, "rqth", annee=a))
        morceaux.append(d[d["modalite"] == "oui"].assign(annee=a))
    g = pd.concat(morceaux, ignore_index=True)
    g["modalite_libelle"] = g["annee"].astype(str)
    g["ordre"] = g["annee"]
    g = _trier(g, "annee")
    tableau = pd.DataFrame({
        "Territoire": g["perimetre_libelle"], "Année": g["annee"].astype(str),
        "Jeunes reconnus travailleurs handicapés": [secret.SECRET if pd.isna(n) else formats.nombre(n)
                                                     for n in g["nb_jeunes"]],
        "Part des jeunes accompagnés": [pct(p) for p in g["part_pct"]],
        "Provenance": [_provenance_rqth(v, p, a) for p, a in zip(g["perimetre"], g["annee"])],
    })
    inds = [ind for a in annees_rqth if (ind := _publie_rqth(v, a))]
    if inds and len(inds) == len(annees_rqth) and not v.comparer:
        prov, source, note = inds[0].provenance, f"{SOURCE_RAPPORT} – {inds[0].source}", None
    else:
        prov, source = v.f.provenance, v.source_extraits()
        note = f"Normandie : parts publiées dans le rapport 2022 ({inds[0].source})" if inds and v.comparer else None
    lecture = _lecture_rqth(v, g)
    return Repartition("Jeunes reconnus travailleurs handicapés (RQTH)", "publics_rqth", g, tableau, lecture, prov,
                       source, note, titre_axe="Part des jeunes reconnus travailleurs handicapés",
                       affiches=tuple(v.affiches))


def cartes(f: Filtres) -> list[Carte]:
    """The two headline figures: young people supported and first welcomes, the region's beside a territory's.
    For the region over the demonstration, the report's published figure itself."""
    demo = f.provenance == Provenance.DEMO
    resultat = []
    for mesure, libelle in (("nb_jeunes", "Jeunes accompagnés"), ("nb_premiers_accueils", "Jeunes en premier accueil")):
        publie = publie_de("publics_effectifs", mesure, f.annee, perimetre="region") if demo else None
        affiches = (publie.id,) if publie else ()
        if f.est_region and publie is not None:
            resultat.append(Carte(f"{libelle} en {f.annee}", indicateur=publie, affiches=affiches))
            continue
        # the reference mask knows the pair (first welcomes, the others) that the total shown beside it makes
        texte = secret.formater(couche.valeur(f.annee, f.code, mesure))
        complement = None
        if not f.est_region:  # the region's figure beside it says where it comes from too
            region = secret.formater(couche.valeur(f.annee, NORMANDIE, mesure))
            complement = (f"Normandie : **{publie.texte}** ({publie.provenance.libelle})" if publie else
                          f"Normandie : **{region}** ({f.provenance.libelle})")
        resultat.append(Carte(f"{libelle} en {f.annee} — {f.libelle}", texte, f.provenance,
                              "Données de démonstration" if demo else "Extraits I-Milo", complement,
                              affiches=affiches if not f.est_region else ()))
    return resultat


def definitions() -> list[tuple[str, str]]:
    """(term, definition) of the words the page uses, from the extract model."""
    jeunes = modele.TABLES["jeunes"]
    termes = [("Jeune accompagné", jeunes.definition)]
    termes += [(nom, jeunes.colonne(nom).definition)
               for nom in ("premier_accueil", "tranche_age", "niveau", "qpv", "zrr", "logement", "rqth")]
    termes.append(("Secret statistique",
                   f"un effectif de 1 à {secret.seuil_actif() - 1} jeunes calculé sur des extraits n'est jamais "
                   "affiché (« secret »), ni la part qui en découle ; une seconde case est masquée quand un total "
                   "permettrait de retrouver la première."))
    return termes
