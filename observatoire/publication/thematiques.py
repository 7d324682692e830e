"""What the thematic pages (Justice, Handicap, Logement, Santé, VIGIE & formation, Citoyenneté & mobilité, Vie du
réseau) compute alike, without drawing: counts of the extracts by territory (Missions Locales → departments →
region) with the year's reference mask of statistical secrecy (observatoire/secret/territoires.py), so that the
cells hidden depend neither on the territory selected nor on the page; shares by territory and their reading.
Drawn by observatoire/vue/thematiques.py."""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from observatoire import formats
from observatoire.secret import territoires as secret_territoires
from observatoire.provenance import Provenance
from observatoire.publication import couche, perimetre, stockees
from observatoire.publication.perimetre import Filtres
from observatoire.publies import Indicateur

PREFIXE_INCERTAIN = "appariement incertain"
COUPURE = "|"  # line break inside an axis label (split by the chart's labelExpr)
LARGEUR_ETIQUETTE = 24  # characters per line of an axis label: long labels would squeeze the bars on a phone
NIVEAUX = {"region": "Région", "departement": "Département", "mission_locale": "Mission Locale"}


def couper(texte: str, largeur: int = LARGEUR_ETIQUETTE) -> str:
    """An axis label on several lines (joined by COUPURE, split again by `axe_categories`)."""
    return COUPURE.join(textwrap.wrap(texte, largeur)) or texte


def est_incertain(ind: Indicateur) -> bool:
    """The report's text extraction leaves the pairing of this value with its label uncertain."""
    return ind.note.lower().startswith(PREFIXE_INCERTAIN)


MARQUE_INCERTAINE = "(?)"
LEGENDE_MARQUE = (f"«\u202f{MARQUE_INCERTAINE}\u202f» : libellé attribué à la valeur sans certitude "
                  "(appariement incertain)")


def marquer_incertain(libelle: str, ind: Indicateur) -> str:
    """A chart's label whose value–label pairing is a guess carries "(?)" on the chart itself."""
    if est_incertain(ind) and MARQUE_INCERTAINE not in libelle:
        return f"{libelle} {MARQUE_INCERTAINE}"
    return libelle


def avertissements(inds) -> tuple[str, ...]:
    """What a page says about these figures beside their chart, for the chart's files: each distinct
    uncertain-pairing note and each derived figure's formula."""
    notes = [i.note for i in inds if est_incertain(i)]
    formules = [f"Dérivé : {i.libelle} = {i.formule}" for i in inds if i.statut == "dérivé" and i.formule]
    return tuple(dict.fromkeys(notes + formules))


@dataclass(frozen=True)
class Part:
    """A share shown beside the counts: 100 × numerateur / denominateur, hidden when either count is."""
    colonne: str
    libelle: str
    numerateur: str
    denominateur: str


def _parts(df: pd.DataFrame, masque: pd.DataFrame, parts: Sequence[Part]) -> pd.DataFrame:
    """Share columns (float, NaN where hidden or undefined)."""
    out = pd.DataFrame(index=df.index)
    for p in parts:
        num = pd.to_numeric(df[p.numerateur], errors="coerce").astype(float)
        den = pd.to_numeric(df[p.denominateur], errors="coerce").astype(float)
        valeur = (100.0 * num / den.where(den > 0)).where(~(masque[p.numerateur] | masque[p.denominateur]))
        out[p.colonne] = valeur
        out[f"{p.colonne}_secret"] = masque[p.numerateur] | masque[p.denominateur]
    return out


def libelles_territoires() -> dict[str, str]:
    terr = perimetre.territoires()
    return dict(zip(terr["code"], terr["libelle"]))


def _perimetre(df: pd.DataFrame, f: Filtres) -> pd.DataFrame:
    """Rows shown for the selected territory: the region and all territories; or a department with its
    Missions Locales and the region; or a Mission Locale with its department and the region."""
    if f.niveau == "region":
        garde = pd.Series(True, index=df.index)
    elif f.niveau == "departement":
        garde = (df["niveau"] == "region") | (df["departement"] == f.code)
    else:
        dep = df.loc[df["code"] == f.code, "departement"].iloc[0]
        garde = (df["niveau"] == "region") | ((df["niveau"] == "departement") & (df["departement"] == dep)) \
            | (df["code"] == f.code)
    # Region first, then each department followed by its Missions Locales in the sidebar's (alphabetical) order.
    ordre = df["niveau"].map({"region": 0, "departement": 1, "mission_locale": 2})
    libelles = libelles_territoires()
    cle_tri = pd.DataFrame({"dep": df["departement"].fillna(""), "ordre": ordre,
                            "libelle": [libelles.get(c, c) for c in df["code"]]})
    cle_tri.loc[df["niveau"] == "region", "dep"] = ""
    return df[garde].loc[cle_tri[garde].sort_values(["dep", "ordre", "libelle"]).index]


def source_extraits(f: Filtres) -> str:
    if f.provenance is Provenance.EXTRAITS:
        return f"Extraits du système d'information des Missions Locales (I-Milo), {f.annee}"
    return f"Extraits de démonstration {f.annee} (fictifs, calés sur les totaux régionaux publiés)"


@dataclass(frozen=True)
class ParTerritoire:
    """A count of the extracts by territory, secrecy applied: what a page needs to draw it."""
    donnees: pd.DataFrame        # one row per territory, counts and shares (NaN where hidden)
    masque: pd.DataFrame         # True where a count is hidden
    comptes: dict[str, str]      # count column -> header
    parts: tuple[Part, ...]
    filtres: Filtres

    def tableau(self) -> pd.DataFrame:
        """The rows of the selected territory, formatted in French, "secret" where hidden."""
        libelles = libelles_territoires()
        vue = _perimetre(self.donnees, self.filtres)
        table = pd.DataFrame({
            "Territoire": [libelles.get(c, c) for c in vue["code"]],
            "Niveau": vue["niveau"].map(NIVEAUX).to_numpy(),
        })
        for col, entete in self.comptes.items():
            table[entete] = [formats.SECRET if self.masque.at[i, col] else formats.nombre(vue.at[i, col])
                             for i in vue.index]
        for p in self.parts:
            table[p.libelle] = [formats.SECRET if vue.at[i, f"{p.colonne}_secret"]
                                else formats.pourcentage(vue.at[i, p.colonne], 1) for i in vue.index]
        return table

    def valeur(self, code: str, colonne: str) -> float | None:
        ligne = self.donnees[self.donnees["code"] == code]
        if ligne.empty or pd.isna(ligne[colonne].iloc[0]):
            return None
        return float(ligne[colonne].iloc[0])

    def texte(self, code: str, colonne: str) -> str:
        """A count or a share of one territory, formatted, or "secret"."""
        ligne = self.donnees[self.donnees["code"] == code].iloc[0]
        if colonne in self.masque.columns:
            return formats.SECRET if self.masque.at[ligne.name, colonne] else formats.nombre(ligne[colonne])
        if ligne[f"{colonne}_secret"]:
            return formats.SECRET
        return formats.pourcentage(ligne[colonne], 1)


def par_territoire(df: pd.DataFrame, f: Filtres, comptes: dict[str, str], parts: Sequence[Part],
                   partitions: Sequence[tuple[str, Sequence[str]]] = (),
                   complements: dict[str, tuple[str, str]] | None = None) -> ParTerritoire:
    """The cells of the year's reference mask (observatoire/secret/territoires.py: one suppression over every
    count any page shows per territory, so the same cells are hidden whatever page and territory), then shares.

    `partitions` (total = sum of parts on each row) and `complements` (counts a reader gets by subtraction
    though they are not shown, as {name: (total, part)} — e.g. the JSMJ with a diploma = JSMJ − JSMJ without
    diploma) say what a reader of the page can write: each must be an equation of the reference mask, which
    then protects it (checked here, so that a page cannot show an equation the mask does not know)."""
    df = df.reset_index(drop=True)
    df.loc[df["niveau"] == "region", "code"] = perimetre.REGION  # the app's code of the region
    # only the region's territories: national extracts also hold other departments, which no page shows
    df = df[df["code"].isin(set(perimetre.territoires()["code"]))].reset_index(drop=True)
    cellules = list(comptes)
    equations = [(total, list(parties)) for total, parties in partitions]
    for nom, (total, partie) in (complements or {}).items():
        if nom not in df.columns:
            df[nom] = df[total] - df[partie]
        cellules.append(nom)
        equations.append((total, [partie, nom]))
    secret_territoires.verifier_equations(f.annee, equations, connues=stockees.equations(f.annee))
    # the counts are the layer's protected cells: <NA> is a hidden one (primary or secondary suppression)
    masque = df[cellules].isna()
    donnees = pd.concat([df, _parts(df, masque, parts)], axis=1)
    return ParTerritoire(donnees, masque[list(comptes)], dict(comptes), tuple(parts), f)




@dataclass(frozen=True)
class PartsParTerritoire:
    """A share of each territory of one level, ready to draw and to read."""
    lignes: pd.DataFrame          # territoire, departement, valeur (%, NaN where hidden), secret, choisi, etiquette
    reference: float | None       # the region's value (%), None when hidden
    niveau: str


def parts_par_territoire(pt: ParTerritoire, part: Part, niveau: str = "mission_locale") -> PartsParTerritoire:
    """The share `part` of each territory of `niveau`: all 24 Missions Locales for the region, those of the department
    otherwise; the 5 departments for niveau='departement'. `choisi` marks the selected territory (or, among
    departments, the selected Mission Locale's). Sorted from the highest share, hidden ones last."""
    f = pt.filtres
    libelles = libelles_territoires()
    d = pt.donnees
    lignes = d[d["niveau"] == niveau]
    dep_choisi = None
    if f.niveau == "departement":
        dep_choisi = f.code
    elif f.niveau == "mission_locale":
        dep_choisi = d.loc[d["code"] == f.code, "departement"].iloc[0]
    if niveau == "mission_locale" and dep_choisi is not None:
        lignes = lignes[lignes["departement"] == dep_choisi]
    choisi = (lignes["code"] == (f.code if niveau == "mission_locale" else dep_choisi)).to_numpy()
    dfc = pd.DataFrame({
        "territoire": [libelles.get(c, c).removeprefix("Mission Locale ") for c in lignes["code"]],
        "departement": [f"{perimetre.DEPARTEMENTS.get(x, x)} ({x})" for x in lignes["departement"]],
        "valeur": lignes[part.colonne].to_numpy(dtype=float),
        "secret": lignes[f"{part.colonne}_secret"].to_numpy(dtype=bool),
        "choisi": choisi,
    })
    dfc["etiquette"] = [formats.SECRET if s else formats.pourcentage(v, 1)
                        for v, s in zip(dfc["valeur"], dfc["secret"])]
    dfc["position"] = dfc["valeur"].fillna(0.0)
    dfc = dfc.sort_values(["position", "territoire"], ascending=[False, True]).drop(columns="position")
    return PartsParTerritoire(dfc.reset_index(drop=True), pt.valeur(perimetre.REGION, part.colonne), niveau)


def lecture_territoires(dfc: pd.DataFrame, niveau: str, region_val: float | None, annee: int) -> str:
    visibles = dfc[~dfc["secret"] & dfc["valeur"].notna()]
    phrase = f"En {annee}, "
    if len(visibles) >= 2:
        haut, bas = visibles.iloc[0], visibles.iloc[-1]
        phrase += (f"la part va de {formats.pourcentage(bas['valeur'], 1)} ({bas['territoire']}) à "
                   f"{formats.pourcentage(haut['valeur'], 1)} ({haut['territoire']}) selon "
                   + ("les Missions Locales" if niveau == "mission_locale" else "les départements"))
    elif len(visibles) == 1:
        phrase += f"{visibles.iloc[0]['territoire']} : {formats.pourcentage(visibles.iloc[0]['valeur'], 1)}"
    else:
        phrase += "aucune valeur n'est assez grande pour être montrée"
    if region_val is not None:
        phrase += f" ; Normandie : {formats.pourcentage(region_val, 1)}"
    nb_secret = int(dfc["secret"].sum())
    if nb_secret:
        s = "s" if nb_secret > 1 else ""
        phrase += f" ; {formats.nombre(nb_secret)} valeur{s} couverte{s} par le secret statistique"
    return phrase + "."


def comptes_territoires(annee: int, colonnes: Sequence[str]) -> pd.DataFrame:
    """The layer's protected counts of every territory (niveau, departement, code, then `colonnes` under the
    consumers' names; <NA> = secret): what the thematic pages show, read, never recomputed at a view."""
    c = couche.chiffres(annee).reset_index(drop=True)
    out = c[["niveau", "departement", "code"]].copy()
    for col in colonnes:
        out[col] = c[secret_territoires.reference(col)]
    return out


def justice_par_territoire(f: Filtres) -> ParTerritoire:
    """Young people under court supervision (JSMJ) by territory: their share among the young people supported,
    the shares without diploma and of minors among them."""
    return par_territoire(
        comptes_territoires(f.annee, ["nb_jeunes", "nb_jsmj", "nb_jsmj_sans_diplome", "nb_jsmj_mineurs", "nb_non_jsmj",
                                      "nb_jsmj_diplomes", "nb_jsmj_majeurs"]), f,
        comptes={"nb_jeunes": "Jeunes accompagnés", "nb_jsmj": "JSMJ",
                 "nb_jsmj_sans_diplome": "JSMJ sans diplôme", "nb_jsmj_mineurs": "JSMJ mineurs"},
        parts=[Part("part_jsmj_pct", "Part des JSMJ parmi les jeunes accompagnés", "nb_jsmj", "nb_jeunes"),
               Part("part_sans_diplome_pct", "Part sans diplôme parmi les JSMJ", "nb_jsmj_sans_diplome", "nb_jsmj"),
               Part("part_mineurs_pct", "Part de mineurs parmi les JSMJ", "nb_jsmj_mineurs", "nb_jsmj")],
        complements={"nb_non_jsmj": ("nb_jeunes", "nb_jsmj"), "nb_jsmj_diplomes": ("nb_jsmj", "nb_jsmj_sans_diplome"),
                     "nb_jsmj_majeurs": ("nb_jsmj", "nb_jsmj_mineurs")},
    )


def handicap_par_territoire(f: Filtres) -> ParTerritoire:
    """Young people with a RQTH by territory, and their share."""
    return par_territoire(
        comptes_territoires(f.annee, ["nb_jeunes", "nb_rqth", "nb_sans_rqth"]), f,
        comptes={"nb_jeunes": "Jeunes accompagnés", "nb_rqth": "Jeunes avec une RQTH"},
        parts=[Part("part_rqth_pct", "Part des jeunes avec une RQTH", "nb_rqth", "nb_jeunes")],
        complements={"nb_sans_rqth": ("nb_jeunes", "nb_rqth")},
    )


def logement_par_territoire(f: Filtres) -> ParTerritoire:
    """Housing situations by territory; the "not known" column only when the extracts leave some unknown."""
    comptes = {"nb_jeunes": "Jeunes accompagnés", "nb_parents_famille": "Parents ou famille",
               "nb_autonome": "Logement autonome", "nb_precaire": "Précarité ou situation complexe"}
    parties = ["nb_parents_famille", "nb_autonome", "nb_precaire"]
    # shown only when the extracts leave some unknown: the layer has the category only when the region has some
    if secret_territoires.reference("nb_logement_non_renseigne") in couche.chiffres(f.annee).columns:
        comptes["nb_logement_non_renseigne"] = "Non renseigné"
        parties.append("nb_logement_non_renseigne")
    donnees = comptes_territoires(f.annee, list(comptes))
    return par_territoire(
        donnees, f, comptes=comptes,
        parts=[Part("part_parents_famille_pct", "Part hébergée par les parents ou la famille", "nb_parents_famille",
                    "nb_jeunes"),
               Part("part_autonome_pct", "Part en logement autonome", "nb_autonome", "nb_jeunes"),
               Part("part_precaire_pct", "Part en précarité ou situation complexe", "nb_precaire", "nb_jeunes")],
        # the situations add up to the young people supported: a reader could subtract, secrecy knows it
        partitions=[("nb_jeunes", parties)],
    )
