"""The CEJ figures every channel shows (page, slides, PowerPoint, sheets, sentences, exports): entries
against the State objective per territory, and the series of cumulated entries on ONE calendar.

The calendar is the month ends (31 January, 28 February — the end of the Garantie Jeunes in 2022 —,
31 March, …), and for a year in progress its last point is the last day the extracts cover. Every point
is a cell of the reference mask (observatoire/secret/territoires.py: `cej_cumul_mNN`), so the page, the
slides and the sheets show the same points, hidden alike, and no two shown points of one territory differ
by a small count. Everything here reads the publication layer (couche.py): no count is computed twice.

One rule for achievement: entries ÷ objective × 100, as the report computes it (13 927 / 12 952); none
(« – ») where the objective is missing or 0; secret where the entries are.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from observatoire import config, db, formats, modele, secret
from observatoire.provenance import Provenance
from observatoire.publication.blocs import Bloc
from observatoire.publies import tous
from observatoire.publication import couche, stockees  # noqa: F401 - stockees registers the tables read here
from observatoire.secret import territoires as reference

ENTREES = ["nb_entrees_gj", "nb_entrees_cej", "nb_entrees"]
GJ, CEJ = "Garantie Jeunes", "CEJ"
# An extract covers the whole year when its last entry falls in the year's last week: entries are signed
# on working days, so 31 December itself (a Saturday in 2022) is often empty.
JOURS_DE_TOLERANCE = 7


@dataclass(frozen=True)
class Annee:
    """What the extracts of a year say about the year itself (region-wide: not a count of young people)."""
    annee: int
    date_fin_extraits: dt.date | None   # the last entry of the whole region
    provenance: Provenance              # of the entries
    provenance_objectif: Provenance | None

    @property
    def en_cours(self) -> bool:
        """The extract stops before the year's last week: a year still in progress."""
        if self.date_fin_extraits is None:
            return False
        return self.date_fin_extraits < dt.date(self.annee, 12, 31) - dt.timedelta(days=JOURS_DE_TOLERANCE - 1)

    @property
    def dernier_mois(self) -> int:
        """The last month of the calendar: December, or the month the extract stops in."""
        return self.date_fin_extraits.month if self.en_cours else 12


@lru_cache(maxsize=16)
def _annee(version: str, annee: int) -> Annee:
    # read from the layer (observatoire/publication/stockees.py), computed there once per data version
    r = couche.lire("cej_annee", annee).iloc[0]
    fin, prov, prov_obj = r["date_fin_extraits"], r["provenance"], r["provenance_objectif"]
    return Annee(annee, None if pd.isna(fin) else pd.Timestamp(fin).date(),
                 Provenance.EXTRAITS if prov == "extraits" else Provenance.DEMO,
                 None if prov_obj is None or pd.isna(prov_obj)
                 else Provenance.EXTRAITS if prov_obj == "extraits" else Provenance.DEMO)


def annee(annee_: int) -> Annee:
    return _annee(db.version_donnees(), int(annee_))


def _objectifs(annee_: int) -> pd.DataFrame:
    """Objectives, labels and levels per territory (objectives are published conventions, not counts of
    young people: no secrecy), stored in the layer."""
    return couche.lire("cej_objectifs", annee_)


def realisation(annee_: int) -> pd.DataFrame:
    """Entries and achievement of every territory: niveau, code, libelle, libelle_court, departement,
    nb_entrees_gj, nb_entrees_cej, nb_entrees (Int64, <NA> = secret), objectif_cej, realisation_pct (float,
    NaN where hidden or without objective) and `realisation` ('secret', 'sans objectif' or 'calculée').
    A copy: callers may add columns."""
    return _realisation_gardee(annee_).copy()


def _realisation_gardee(annee_: int) -> pd.DataFrame:
    """The shared table (read only): once per pair of layer files, whose names carry the data version and the
    threshold; the CEJ page asks for it about ten times a view."""
    return _realisation(str(couche.fichier(annee_)), str(couche.stockee("cej_objectifs", annee_)), int(annee_))


@lru_cache(maxsize=16)
def _realisation(_comptes: str, _objectifs_: str, annee_: int) -> pd.DataFrame:
    chiffres = couche.chiffres(annee_)
    t = _objectifs(annee_)
    t = t[t["code"].isin(chiffres.index)].copy()  # national extracts: other departments are no page's
    for col in ENTREES:
        t[col] = chiffres[col].reindex(t["code"]).to_numpy()
    objectif = pd.to_numeric(t["objectif_cej"], errors="coerce")
    sans_objectif = objectif.isna() | (objectif <= 0)
    cache = t["nb_entrees"].isna()
    t["realisation"] = ["secret" if c else "sans objectif" if s else "calculée"
                        for c, s in zip(cache, sans_objectif)]
    t["realisation_pct"] = (100 * t["nb_entrees"].astype("Float64") / objectif).astype(float).where(
        t["realisation"] == "calculée")
    return t.reset_index(drop=True)


def ligne(annee_: int, code: str) -> pd.Series:
    t = _realisation_gardee(annee_)
    return t.loc[t["code"] == _code(code)].iloc[0]


def _code(code: str) -> str:
    return config.REGION if str(code).lower() == config.REGION.lower() else str(code)


def _fin_de_mois(annee_: int, mois: int) -> dt.date:
    return dt.date(annee_, mois, calendar.monthrange(annee_, mois)[1])


def serie(annee_: int, code: str) -> pd.DataFrame:
    """The points of the territory's series: date (month end, or the extract's last day for a year in
    progress), mois, cumul_entrees (Int64, <NA> = secret), periode ('Garantie Jeunes' until 28 February
    2022, 'CEJ' from March 2022), part_objectif_pct (NaN where hidden or without objective). Starts with
    1 January at 0."""
    a = annee(annee_)
    chiffres = couche.chiffres(annee_)
    if reference.colonne_serie(1) not in chiffres.columns:
        return pd.DataFrame(columns=["date", "mois", "cumul_entrees", "periode", "part_objectif_pct"])
    ligne_ = chiffres.loc[_code(code)]
    mois = list(range(1, a.dernier_mois + 1))
    dates = [_fin_de_mois(annee_, m) for m in mois]
    if a.en_cours:
        dates[-1] = a.date_fin_extraits
    cumuls = [ligne_[reference.colonne_serie(m)] for m in mois]
    t = pd.DataFrame({"date": [dt.date(annee_, 1, 1), *dates], "mois": [0, *mois],
                      "cumul_entrees": pd.array([0, *cumuls], dtype="Int64")})
    t["periode"] = [GJ if d < modele.DEBUT_CEJ or annee_ < modele.DEBUT_CEJ.year else CEJ for d in t["date"]]
    obj = objectif(annee_, code)
    t["part_objectif_pct"] = (100 * t["cumul_entrees"].astype("Float64") / obj).astype(float) \
        if obj else float("nan")
    return t


def objectif(annee_: int, code: str) -> float | None:
    """The territory's objective (the sum of its Missions Locales'), None when missing."""
    o = _objectifs(annee_)
    v = o.loc[o["code"] == _code(code), "objectif_cej"]
    return float(v.iloc[0]) if len(v) and pd.notna(v.iloc[0]) and v.iloc[0] > 0 else None


@dataclass(frozen=True)
class Atteinte:
    texte: str        # 'novembre 2022', 'entre le 31 août et le 30 nov. 2022', 'pas encore', 'secret', '–'
    complement: str
    phrase: str = ""  # how a sentence says it: 'en novembre 2022', 'entre le … et le …'



def atteinte(annee_: int, code: str) -> Atteinte:
    """When the objective was reached, read on the shown points only (the first shown month end at or above
    the objective, and the shown point before it): nothing a reader cannot already see on the curve."""
    obj = objectif(annee_, code)
    if obj is None:
        return Atteinte("–", "pas d'objectif pour cette année")
    s = serie(annee_, code)
    vus = s[s["cumul_entrees"].notna()]
    if ligne(annee_, code)["realisation"] == "secret":
        return Atteinte(secret.SECRET, f"entrées couvertes par le secret statistique ({secret.seuil_texte()})")
    apres = vus[vus["cumul_entrees"] >= obj]
    if apres.empty:
        return Atteinte("pas encore", f"au {formats.date(s['date'].iloc[-1])}")
    premier = apres.iloc[0]
    avant = vus[vus["date"] < premier["date"]].iloc[-1]
    nom = formats.mois_annee(premier["date"])
    if avant["mois"] == premier["mois"] - 1:
        return Atteinte(nom, f"le cumul passe l'objectif entre le {formats.date(avant['date'])} et le "
                             f"{formats.date(premier['date'])}", f"en {nom}")
    entre = f"entre le {formats.date(avant['date'], court=True)} et le {formats.date(premier['date'], court=True)}"
    return Atteinte(entre, "points intermédiaires couverts par le secret statistique", entre)


@dataclass(frozen=True)
class ProjectionCej:
    methode: str            # 'lineaire' | 'saisonniere'
    entrees_projetees: float
    pct_objectif: float | None
    explication: str


def projections(annee_: int, code: str, mois_rythme: int = 2) -> list[ProjectionCej]:
    """For a year in progress, where it would end, computed on SHOWN points of the series only (nothing a
    reader cannot already see on the curves): the pace between the last point and the one `mois_rythme`
    months before carried on to 31 December; and, where the previous year's series is shown at the same
    month end, the same seasonal profile as the previous year."""
    a = annee(annee_)
    s = serie(annee_, code)
    vus = s[s["cumul_entrees"].notna()]
    if not a.en_cours or len(vus) < 2:
        return []
    obj = objectif(annee_, code)
    out = [p for p in (_lineaire(annee_, vus, obj, mois_rythme), _saisonniere(annee_, code, vus, obj)) if p]
    return out


def _lineaire(annee_: int, vus: pd.DataFrame, obj: float | None, mois_rythme: int) -> ProjectionCej | None:
    fin = vus.iloc[-1]
    debut = vus[vus["mois"] <= max(fin["mois"] - mois_rythme, 0)].iloc[-1]
    jours = (fin["date"] - debut["date"]).days
    if jours <= 0:
        return None
    rythme = (int(fin["cumul_entrees"]) - int(debut["cumul_entrees"])) / jours
    reste = (dt.date(annee_, 12, 31) - fin["date"]).days
    projete = int(fin["cumul_entrees"]) + rythme * reste
    explication = (f"prolongation linéaire du rythme observé entre le {formats.date(debut['date'])} "
                   f"({formats.nombre(int(debut['cumul_entrees']))} entrées cumulées) et le "
                   f"{formats.date(fin['date'])} ({formats.nombre(int(fin['cumul_entrees']))}), soit "
                   f"{formats.nombre(round(rythme * 7, 1), 1)} entrées par semaine, appliqué aux "
                   f"{formats.nombre(reste)} jours restants jusqu'au 31 décembre")
    return ProjectionCej("lineaire", projete, None if obj is None else 100 * projete / obj, explication)


def _saisonniere(annee_: int, code: str, vus: pd.DataFrame, obj: float | None) -> ProjectionCej | None:
    fin = vus.iloc[-1]
    if fin["mois"] < 1 or annee_ - 1 not in set(db.requete("extraits_annees")["annee"].astype(int)):
        return None
    precedente = serie(annee_ - 1, code)
    total = precedente["cumul_entrees"].iloc[-1]
    meme_mois = precedente.loc[precedente["mois"] == fin["mois"] - (1 if annee(annee_).en_cours else 0),
                               "cumul_entrees"]
    if annee(annee_ - 1).en_cours or pd.isna(total) or not total or meme_mois.empty or pd.isna(meme_mois.iloc[0]) \
            or not meme_mois.iloc[0]:
        return None
    # the last point of a year in progress lies inside its month: compare with the previous month end
    base = vus[vus["mois"] == fin["mois"] - 1]
    if base.empty:
        return None
    part = int(meme_mois.iloc[0]) / int(total)
    projete = int(base["cumul_entrees"].iloc[0]) / part
    mois_txt = formats.date(base["date"].iloc[0])
    part_txt = formats.pourcentage(round(100 * part, 1), 1)
    explication = (f"même profil saisonnier que {annee_ - 1} : à la même fin de mois, {part_txt} "
                   f"des entrées de {annee_ - 1} étaient faites ; les entrées de {annee_} au {mois_txt} "
                   f"({formats.nombre(int(base['cumul_entrees'].iloc[0]))}) sont divisées par cette part")
    return ProjectionCej("saisonniere", projete, None if obj is None else 100 * projete / obj, explication)


# --- tables and sentences ready to draw ----------------------------------------------------------------

def nombre(v) -> str:
    """A protected count in French format, « secret » where hidden."""
    return secret.SECRET if pd.isna(v) else formats.nombre(v)


def tableau_territoires(t: pd.DataFrame) -> pd.DataFrame:
    """The achievement table of `realisation()` rows, as every channel writes it."""
    return pd.DataFrame({
        "Territoire": t["libelle"].to_numpy(),
        "Entrées en Garantie Jeunes": [nombre(v) for v in t["nb_entrees_gj"]],
        "Entrées en CEJ": [nombre(v) for v in t["nb_entrees_cej"]],
        "Entrées (total)": [nombre(v) for v in t["nb_entrees"]],
        "Objectif": [formats.nombre(v) if pd.notna(v) else "–" for v in t["objectif_cej"]],
        "Réalisation": [texte_realisation(r, v) for r, v in zip(t["realisation"], t["realisation_pct"])],
    })


def texte_realisation(statut: str, pct: float) -> str:
    return secret.SECRET if statut == "secret" else "–" if statut == "sans objectif" else formats.pourcentage(pct, 1)


def tableau_serie(s: pd.DataFrame) -> pd.DataFrame:
    """The points of `serie()` as a table (the chart's data alternative and its exports)."""
    t = pd.DataFrame({
        "Date": [formats.date(d) for d in s["date"]],
        "Période": s["periode"].to_numpy(),
        "Entrées cumulées": [nombre(v) for v in s["cumul_entrees"]],
    })
    if s["part_objectif_pct"].notna().any():
        t["Part de l'objectif"] = [secret.SECRET if pd.isna(c) else formats.pourcentage(p, 1)
                                   for c, p in zip(s["cumul_entrees"], s["part_objectif_pct"])]
    return t


def lecture_serie(annee_: int, code: str, dans: str) -> str:
    """One sentence that reads the curve of the territory (`dans`: 'en Normandie', 'dans le Calvados'…)."""
    s, l_ = serie(annee_, code), ligne(annee_, code)
    debut = dans[0].upper() + dans[1:]
    if l_["realisation"] == "secret" or s["cumul_entrees"].iloc[-1:].isna().all():
        return f"Les entrées {dans} sont couvertes par le secret statistique ({secret.seuil_texte()})."
    fin, total = s["date"].iloc[-1], int(s["cumul_entrees"].iloc[-1])
    obj = objectif(annee_, code)
    if obj is None:
        return (f"{debut}, {formats.nombre(total)} jeunes sont entrés en Garantie Jeunes ou en CEJ entre le "
                f"1er janvier et le {formats.date(fin)} ; aucun objectif n'est enregistré pour {annee_}.")
    a = atteinte(annee_, code)
    phrase = (f"{debut}, les entrées cumulées atteignent {formats.nombre(total)} au {formats.date(fin)}, soit "
              f"{formats.pourcentage(100 * total / obj, 1)} de l'objectif de {formats.nombre(obj)}")
    if a.texte == "pas encore":
        return phrase + " : l'objectif n'est pas encore atteint."
    return phrase + f" ; il a été franchi {a.phrase}."


def lecture_barres(t: pd.DataFrame, quoi: str, quois: str, en_cours_au: dt.date | None = None) -> str:
    """Which territories reach the objective, and the range of the rates shown."""
    vus = t[t["realisation"] == "calculée"].sort_values("realisation_pct", ascending=False)
    if vus.empty:
        return f"Le taux de réalisation par {quoi} n'est pas disponible."
    haut, bas = vus.iloc[0], vus.iloc[-1]
    au_dessus = int((vus["realisation_pct"] >= 100).sum())
    if au_dessus == 0:
        debut = f"Aucun{'e' if quoi == 'Mission Locale' else ''} {quoi} n'atteint l'objectif"
    elif au_dessus == 1:
        debut = f"1 {quoi} sur {len(t)} atteint ou dépasse l'objectif"
    else:
        debut = f"{au_dessus} {quois} sur {len(t)} atteignent ou dépassent l'objectif"
    quand = f" au {formats.date(en_cours_au)} (année en cours)" if en_cours_au else ""
    return (f"{debut}{quand} ; le taux va de {formats.pourcentage(bas['realisation_pct'], 1)} "
            f"({bas['libelle_court']}) à {formats.pourcentage(haut['realisation_pct'], 1)} ({haut['libelle_court']}).")


PROFIL = {"Jeunes entrés (effectif)": "nb_entrants", "Femmes": "nb_entrants_femmes",
          "Hommes": "nb_entrants_hommes", "Résidant en QPV": "nb_entrants_qpv",
          "En formation dans l'année": "nb_entrants_en_formation"}


def profil_entrants(annee_: int, perimetres: dict[str, str]) -> pd.DataFrame:
    """The entrants' profile, one column per perimeter ({column title: territory code}): the count of entrants,
    then shares of them; a share is secret where its count or the entrants are."""
    chiffres = couche.chiffres(annee_)
    out = pd.DataFrame({"Parmi les jeunes entrés": list(PROFIL)})
    for titre, code in perimetres.items():
        r = chiffres.loc[_code(code)]
        total = r["nb_entrants"]
        valeurs = [nombre(total)]
        for col in list(PROFIL.values())[1:]:
            n = r[col]
            valeurs.append(secret.SECRET if pd.isna(n) or pd.isna(total)
                           else formats.pourcentage(100 * n / total, 1) if total else "–")
        out[titre] = valeurs
    return out


def methode() -> str:
    """Definitions and method, as the page and the documents state them."""
    return (
        "**Entrées** : une entrée en Garantie Jeunes (jusqu'au 28 février 2022) ou en Contrat d'Engagement Jeune "
        "(à partir du 1er mars 2022) d'un jeune, à sa date de signature (table `entrees_dispositif`).\n\n"
        "**Objectif** : nombre d'entrées conventionné avec l'État pour l'année (table `objectifs_cej`) ; celui "
        "d'un département ou de la région est la somme de ceux de ses Missions Locales.\n\n"
        "**Courbe** : les entrées cumulées depuis le 1er janvier à chaque fin de mois (le 28 février 2022 clôt la "
        "Garantie Jeunes) ; pour une année en cours, le dernier point est le dernier jour couvert par les "
        "extraits. Les mêmes points servent aux pages, aux diapositives, aux fiches, aux exports et aux phrases.\n\n"
        "**Objectif atteint** : le mois du premier point publié où le cumul égale ou dépasse l'objectif.\n\n"
        "**Année en cours** : quand les extraits de l'année s'arrêtent avant sa dernière semaine, la page "
        "prolonge jusqu'au 31 décembre le rythme observé entre deux points publiés de la courbe.\n\n"
        f"**Secret statistique** : un effectif de 1 à {secret.seuil_actif() - 1} jeunes calculé sur des extraits "
        "n'est jamais affiché ; les Missions Locales, les départements et la région s'additionnant, et chaque point "
        "de la courbe étant le précédent plus les entrées du mois, d'autres cases sont masquées quand un total ou "
        "un écart permettrait de retrouver la première.")


# --- the report's figures, as blocks a page draws in order ----------------------------------------------------

def blocs_publies() -> list[Bloc]:
    """The report's CEJ figures with the words that go with them (sections « Contrat d'Engagement Jeune »,
    « Observatoire » and the president's word)."""
    p = tous()
    total, objectif = p["cej_entrees_total"], p["cej_objectif"]
    femmes, hommes, au_dela = p["cej_part_femmes"], p["cej_part_hommes"], p["cej_entrees_au_dessus_objectif"]
    calcul = formats.pourcentage(100 * total.valeur / objectif.valeur, 1)
    return [
        Bloc("titre", "Les chiffres publiés du rapport 2022"),
        Bloc("cartes", cartes=(
            ("cej_entrees_total", "Entrées en Garantie Jeunes et CEJ en 2022",
             f"pour un objectif de **{objectif.texte}** conventionné avec l'État"),
            ("cej_taux_realisation", "Taux de réalisation de l'objectif de l'État",
             f"{total.texte} ÷ {objectif.texte} = {calcul}, publié arrondi"),
            ("cej_rang_taux_atteinte", "Rang parmi les régions métropolitaines pour l'atteinte de l'objectif",
             "« première région métropolitaine »"))),
        Bloc("cartes", cartes=(
            ("cej_entrees_gj", "Entrées en Garantie Jeunes (1er janvier – 28 février)", None),
            ("cej_entrees_cej", "Entrées en CEJ (1er mars – 31 décembre)", None),
            ("cej_objectif", "Objectif d'entrées conventionné avec l'État", None))),
        Bloc("legende", f"{p['cej_entrees_gj'].texte} + {p['cej_entrees_cej'].texte} = {total.texte} entrées, soit "
                        f"{au_dela.texte} de plus que l'objectif (dérivé : {total.texte} − {objectif.texte})."),
        Bloc("sous_titre", "Les jeunes entrés en CEJ"),
        Bloc("cartes", cartes=(
            ("cej_part_femmes", "Femmes parmi les jeunes entrés en CEJ",
             f"Hommes : **{hommes.texte}** — appariement incertain (voir la note)"),
            ("cej_part_qpv", "Issus d'un quartier prioritaire de la politique de la ville (QPV)",
             f"contre {p['publics_part_qpv'].texte} parmi l'ensemble des jeunes accompagnés"),
            ("cej_part_formation", "Ont fait ou sont en formation", None))),
        Bloc("legende", f"Note sur la répartition par sexe : {femmes.note}"),
        Bloc("sous_titre", "Les sorties"),
        Bloc("cartes", colonnes=2, cartes=(
            ("cej_part_sortis_emploi", "Jeunes sortis en emploi (CDI ou CDD de plus de 6 mois)",
             p["cej_part_sortis_emploi"].note),
            ("cej_sorties_emploi_durable", "Sorties liées à un emploi de 6 mois et plus ou à l'alternance, au "
             "31 décembre 2022 (mot de la présidente)", p["cej_sorties_emploi_durable"].note))),
    ]


# Figures already said in a card's words: the table of "the other figures" leaves them out too.
DEJA_DITS = {"cej_part_hommes"}


def source_extraits(provenance: Provenance) -> str:
    return ("Extraits du système d'information des Missions Locales (entrées en dispositif, objectifs)"
            if provenance == Provenance.EXTRAITS else "Données de démonstration (extraits générés par l'observatoire)")


def note_courbe(s: pd.DataFrame, avec_projection: bool) -> str:
    """The caveat of the curve, carried by its exports too."""
    note = (("en pointillés gris, la projection linéaire de la fin d'année (voir plus bas) ; " if avec_projection
             else "") + "cumul en fin de mois (le 28 février 2022 clôt la Garantie Jeunes) ; les mêmes points sur "
            "les pages, les diapositives, les fiches et les exports")
    if s["cumul_entrees"].isna().any():
        note += f" ; les points non tracés sont couverts par le secret statistique ({secret.seuil_texte()})"
    return note


def note_objectifs(provenance_objectif: Provenance | None) -> str | None:
    if provenance_objectif != Provenance.DEMO:
        return None
    return (f"objectifs par Mission Locale de démonstration (l'objectif régional publié, "
            f"{tous()['cej_objectif'].texte}, réparti au prorata des jeunes accompagnés)")


def texte_projection(proj: ProjectionCej, obj: float | None) -> str:
    """One projection in one sentence, with its method."""
    environ = formats.nombre(round(proj.entrees_projetees, -1))
    cible = (f"à **{formats.pourcentage(round(proj.pct_objectif))}** de l'objectif (environ {environ} entrées "
             f"pour {formats.nombre(obj)})" if obj else f"à environ **{environ}** entrées")
    titre = "À ce rythme" if proj.methode == "lineaire" else "Avec le profil de l'année précédente"
    return f"**{titre}, l'année se terminerait {cible}.** Méthode : {proj.explication}."
