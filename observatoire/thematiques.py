"""What the thematic pages (Justice, Handicap, Logement, Santé, VIGIE & formation, Citoyenneté & mobilité,
Vie du réseau) draw alike, so that each page stays a short list of what it shows:

- published figures as cards, with uncertain pairings flagged *visibly* (not only in a tooltip);
- published breakdowns as bar charts (never pies: some add up to more than 100 %), with the caveat under them;
- the report's actions and 2023 perspectives (observatoire/textes_rapport.py);
- counts from the extracts by territory (Missions Locales → departments → region) with the year's reference
  mask of statistical secrecy (observatoire/secret_territoires.py), so that the cells hidden depend neither
  on the territory selected nor on the page.
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from observatoire import charts, filtres, formats, publies, secret, secret_territoires, ui
from observatoire.sorties.phrases import typographier
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publies import Indicateur
from observatoire.textes_rapport import TEXTES

PREFIXE_INCERTAIN = "appariement incertain"
COUPURE = "|"  # line break inside an axis label (split by the chart's labelExpr)
LARGEUR_ETIQUETTE = 24  # characters per line of an axis label: long labels would squeeze the bars on a phone
DRAPEAU_INCERTAIN = ":orange-badge[:material/warning: appariement incertain]"
NIVEAUX = {"region": "Région", "departement": "Département", "mission_locale": "Mission Locale"}


# --- published figures ----------------------------------------------------------------------------

def couper(texte: str, largeur: int = LARGEUR_ETIQUETTE) -> str:
    """An axis label on several lines (joined by COUPURE, split again by `axe_categories`)."""
    return COUPURE.join(textwrap.wrap(texte, largeur)) or texte


def axe_categories(champ: str, ordre: list[str]) -> alt.Y:
    """The category axis of horizontal bars, its labels wrapped on several lines."""
    return alt.Y(champ, sort=ordre, title=None,
                 axis=alt.Axis(labelExpr=f"split(datum.label, '{COUPURE}')", labelLimit=220, labelPadding=4))


def hauteur(etiquettes: Sequence[str], legende: bool = False) -> int:
    """Chart height for one bar per (wrapped) label: room for the longest label's lines on every bar, plus the
    x axis (and the legend below it): charts are sized with autosize 'fit', axes and legend included."""
    lignes = max((e.count(COUPURE) + 1 for e in etiquettes), default=1)
    return 60 + (50 if legende else 0) + len(etiquettes) * max(30, 15 * lignes + 8)


def est_incertain(ind: Indicateur) -> bool:
    """The report's text extraction leaves the pairing of this value with its label uncertain."""
    return ind.note.lower().startswith(PREFIXE_INCERTAIN)


def notes_incertaines(inds: Sequence[Indicateur]) -> None:
    """Each distinct uncertain-pairing note of these figures, as a visible caption with a warning icon."""
    for note in dict.fromkeys(i.note for i in inds if est_incertain(i)):
        st.caption(f":orange[:material/warning:] {note}")


MARQUE_INCERTAINE = "(?)"
LEGENDE_MARQUE = f"«\u202f{MARQUE_INCERTAINE}\u202f» : libellé attribué à la valeur sans certitude (appariement incertain)"


def marquer_incertain(libelle: str, ind: Indicateur) -> str:
    """A chart's label whose value–label pairing is a guess carries "(?)" on the chart itself."""
    if est_incertain(ind) and MARQUE_INCERTAINE not in libelle:
        return f"{libelle} {MARQUE_INCERTAINE}"
    return libelle


def avertissements(inds: Sequence[Indicateur]) -> tuple[str, ...]:
    """What the page says about these figures beside their chart, for the chart's files: each distinct
    uncertain-pairing note (printed under the chart by `notes_incertaines`) and each derived figure's formula."""
    notes = [i.note for i in inds if est_incertain(i)]
    formules = [f"Dérivé : {i.libelle} = {i.formule}" for i in inds if i.statut == "dérivé" and i.formule]
    return tuple(dict.fromkeys(notes + formules))


def carte(ind: Indicateur, libelle: str | None = None, complement: str | None = None) -> None:
    """ui.carte_publiee, plus a visible flag when the pairing is uncertain (the note is in the badge's help
    and, through `cartes`, in a caption under the row)."""
    if est_incertain(ind):
        complement = f"{complement}  \n{DRAPEAU_INCERTAIN}" if complement else DRAPEAU_INCERTAIN
    ui.carte_publiee(ind, libelle=libelle, complement=complement)


def cartes(inds: Sequence[Indicateur], par_ligne: int = 3, libelles: dict[str, str] | None = None,
           complements: dict[str, str] | None = None) -> None:
    """Cards in rows of `par_ligne`, then the uncertain-pairing notes of the row, visible."""
    libelles = libelles or {}
    complements = complements or {}
    for debut in range(0, len(inds), par_ligne):
        colonnes = st.columns(par_ligne)
        for col, ind in zip(colonnes, inds[debut:debut + par_ligne]):
            with col:
                carte(ind, libelles.get(ind.id), complements.get(ind.id))
    notes_incertaines(inds)


def indicateurs(*ids: str) -> list[Indicateur]:
    return [publies.indicateur(i) for i in ids]


def graphique_publie(inds: Sequence[Indicateur], *, titre: str, cle: str, lecture: str,
                     libelles: Sequence[str] | None = None, axe: str = "%", note: str | None = None,
                     groupes: Sequence[str] | None = None, titre_groupes: str = "Groupe",
                     signe: bool = False) -> None:
    """A published breakdown as horizontal bars labelled in French format, in the order given.

    Bars, not a pie: several breakdowns of the report add up to more than 100 % (several answers possible,
    rounding). Provenance 'publié' unless one of the figures is derived. The uncertain-pairing notes of the
    figures are printed under the chart, and travel with its files (`avertissements`); a label whose pairing
    is uncertain is marked "(?)" on the chart. `signe`: write "+" before positive values (differences)."""
    noms = [marquer_incertain(n, i) for n, i in zip(libelles if libelles is not None else [i.libelle for i in inds],
                                                    inds)]
    if any(MARQUE_INCERTAINE in n for n in noms) and MARQUE_INCERTAINE not in (note or ""):
        note = f"{note} ; {LEGENDE_MARQUE}" if note else LEGENDE_MARQUE
    df = pd.DataFrame({"categorie": [couper(n) for n in noms], "libelle": noms,
                       "valeur": [float(i.valeur) for i in inds],
                       "etiquette": [("+" if signe and i.valeur > 0 else "") + i.texte for i in inds]})
    if groupes is not None:
        df["groupe"] = list(groupes)
    maximum = float(df["valeur"].abs().max() or 1)
    base = alt.Chart(df).encode(
        y=axe_categories("categorie:N", list(df["categorie"])),
        x=alt.X("valeur:Q", title=axe, axis=alt.Axis(format=",~f", tickCount=5),
                scale=alt.Scale(domain=[min(0.0, float(df["valeur"].min()) * 1.25), maximum * 1.25])),
        tooltip=[alt.Tooltip("libelle:N", title="Catégorie"), alt.Tooltip("etiquette:N", title="Valeur")],
    )
    if groupes is not None:
        ordre_groupes = list(dict.fromkeys(groupes))
        barres = base.mark_bar().encode(color=alt.Color("groupe:N", title=titre_groupes, sort=ordre_groupes,
                                                        scale=alt.Scale(domain=ordre_groupes,
                                                                        range=charts.PALETTE[:len(ordre_groupes)])))
    else:
        barres = base.mark_bar()
    # Labels at the end of each bar: right of a positive bar, left of a negative one.
    positives = base.mark_text(align="left", dx=4, color="#1a1a1a").encode(text="etiquette:N") \
        .transform_filter("datum.valeur >= 0")
    negatives = base.mark_text(align="right", dx=-4, color="#1a1a1a").encode(text="etiquette:N") \
        .transform_filter("datum.valeur < 0")
    chart = alt.layer(barres, positives, negatives).properties(height=hauteur(list(df["categorie"]), legende=groupes is not None))
    donnees = pd.DataFrame({"Catégorie": noms, "Valeur": df["etiquette"]})
    if groupes is not None:
        donnees.insert(1, titre_groupes, list(groupes))
    derive = any(i.statut == "dérivé" for i in inds)
    sections = " ; ".join(dict.fromkeys(i.source for i in inds))
    charts.afficher(chart, titre=titre, donnees=donnees, lecture=lecture,
                    provenance=Provenance.DERIVE if derive else Provenance.PUBLIE,
                    source=f"{SOURCE_RAPPORT} – {sections}", cle=cle, note=note, avertissements=avertissements(inds))
    notes_incertaines(inds)


def onglets(contenus: dict[str, Callable[[], None]], cle: str) -> None:
    """Tabs whose selected one is in the URL (?<cle>=Formation) and is the only one drawn: a link opens the same
    tab, and no chart waits hidden in a tab the reader has not opened. Draw every figure of the page again
    outside the tabs (`tous_les_chiffres`) so that none depends on a tab being open."""
    for conteneur, dessiner in zip(st.tabs(list(contenus), key=cle, bind="query-params"), contenus.values()):
        if conteneur.open:
            with conteneur:
                dessiner()


def tous_les_chiffres(*themes: str, titre: str = "Tous les chiffres publiés de cette section") -> None:
    """Every figure of the themes, in a table (the report's figures that have no card or chart above)."""
    inds = [i for t in themes for i in publies.du_theme(t)]
    with st.expander(f"{titre} ({formats.nombre(len(inds))})"):
        ui.tableau_publies(inds)


def contexte(cle: str) -> None:
    """Why the network acts on this theme, in one or two sentences (observatoire/textes_rapport.py)."""
    st.markdown(typographier(TEXTES[cle].contexte))


def actions_perspectives(cle: str, titre_actions: str = "Ce que le réseau a fait en 2022") -> None:
    """The report's actions and 2023 perspectives for a theme, side by side (stacked on a phone)."""
    texte = TEXTES[cle]
    gauche, droite = st.columns(2)
    if texte.actions:
        with gauche:
            st.markdown(f"**{titre_actions}**")
            st.markdown("\n".join(f"- {typographier(a)}" for a in texte.actions))
    if texte.perspectives:
        with droite if texte.actions else gauche:
            st.markdown("**Perspectives 2023**")
            st.markdown("\n".join(f"- {typographier(p)}" for p in texte.perspectives))
    legende = f"Résumé du rapport d'activité 2022 de l'ARML Normandie, section « {texte.section} »."
    if texte.note:
        legende += f" {texte.note}"
    st.caption(typographier(legende))


# --- counts from the extracts, by territory -------------------------------------------------------

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


def _libelles() -> dict[str, str]:
    terr = filtres.territoires()
    return dict(zip(terr["code"], terr["libelle"]))


def _perimetre(df: pd.DataFrame, f: filtres.Filtres) -> pd.DataFrame:
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
    libelles = _libelles()
    cle_tri = pd.DataFrame({"dep": df["departement"].fillna(""), "ordre": ordre,
                            "libelle": [libelles.get(c, c) for c in df["code"]]})
    cle_tri.loc[df["niveau"] == "region", "dep"] = ""
    return df[garde].loc[cle_tri[garde].sort_values(["dep", "ordre", "libelle"]).index]


def source_extraits(f: filtres.Filtres) -> str:
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
    filtres: filtres.Filtres

    def tableau(self) -> pd.DataFrame:
        """The rows of the selected territory, formatted in French, "secret" where hidden."""
        libelles = _libelles()
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


def par_territoire(df: pd.DataFrame, f: filtres.Filtres, comptes: dict[str, str], parts: Sequence[Part],
                   partitions: Sequence[tuple[str, Sequence[str]]] = (),
                   complements: dict[str, tuple[str, str]] | None = None) -> ParTerritoire:
    """The cells of the year's reference mask (observatoire/secret_territoires.py: one suppression over every
    count any page shows per territory, so the same cells are hidden whatever page and territory), then shares.

    `partitions` (total = sum of parts on each row) and `complements` (counts a reader gets by subtraction
    though they are not shown, as {name: (total, part)} — e.g. the JSMJ with a diploma = JSMJ − JSMJ without
    diploma) say what a reader of the page can write: each must be an equation of the reference mask, which
    then protects it (checked here, so that a page cannot show an equation the mask does not know)."""
    df = df.reset_index(drop=True)
    df.loc[df["niveau"] == "region", "code"] = filtres.REGION  # the app's code of the region
    cellules = list(comptes)
    equations = [(total, list(parties)) for total, parties in partitions]
    for nom, (total, partie) in (complements or {}).items():
        df[nom] = df[total] - df[partie]
        cellules.append(nom)
        equations.append((total, [partie, nom]))
    secret_territoires.verifier_equations(f.annee, equations)
    masque = secret_territoires.cellules(df, f.annee, cellules)
    donnees = pd.concat([df, _parts(df, masque, parts)], axis=1)
    return ParTerritoire(donnees, masque[list(comptes)], dict(comptes), tuple(parts), f)


def graphique_territoires(pt: ParTerritoire, part: Part, *, titre: str, cle: str, lecture: str | None = None,
                          axe: str | None = None, niveau: str = "mission_locale") -> None:
    """A share by territory, the region's value as a dashed line, hidden values written "secret".

    niveau='mission_locale': all 24 for the region, those of the department otherwise, the selected one in
    orange; niveau='departement': the 5 departments, the selected one (or the selected Mission Locale's) in orange."""
    f = pt.filtres
    libelles = _libelles()
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
        "departement": [f"{filtres.DEPARTEMENTS.get(x, x)} ({x})" for x in lignes["departement"]],
        "valeur": lignes[part.colonne].to_numpy(dtype=float),
        "secret": lignes[f"{part.colonne}_secret"].to_numpy(dtype=bool),
        "choisi": choisi,
    })
    dfc["etiquette"] = [formats.SECRET if s else formats.pourcentage(v, 1)
                        for v, s in zip(dfc["valeur"], dfc["secret"])]
    dfc["position"] = dfc["valeur"].fillna(0.0)
    dfc = dfc.sort_values(["position", "territoire"], ascending=[False, True])
    dfc["axe"] = [couper(t, 22) for t in dfc["territoire"]]
    ordre = list(dfc["axe"])
    maximum = float(np.nanmax(dfc["valeur"])) if dfc["valeur"].notna().any() else 1.0
    region_val = pt.valeur(filtres.REGION, part.colonne)
    maximum = max(maximum, region_val or 0.0) * 1.25
    nom_niveau = NIVEAUX[niveau]
    base = alt.Chart(dfc).encode(
        y=axe_categories("axe:N", ordre),
        tooltip=[alt.Tooltip("territoire:N", title=nom_niveau),
                 alt.Tooltip("departement:N", title="Département"),
                 alt.Tooltip("etiquette:N", title=part.libelle)],
    )
    x = alt.X("valeur:Q", title=axe or f"{part.libelle} (%)", axis=alt.Axis(format=",~f", tickCount=5),
              scale=alt.Scale(domain=[0, maximum]))
    if niveau == "departement" or f.niveau == "mission_locale":
        couleur = alt.condition("datum.choisi", alt.value(charts.ORANGE), alt.value(charts.BLEU))
    else:
        couleur = alt.Color("departement:N", title="Département",
                            scale=alt.Scale(domain=[f"{n} ({c})" for c, n in filtres.DEPARTEMENTS.items()],
                                            range=charts.PALETTE[:5]))
    barres = base.mark_bar().encode(x=x, color=couleur)
    textes = base.mark_text(align="left", dx=4, color="#1a1a1a").encode(x="position:Q", text="etiquette:N")
    couches = []
    if region_val is not None:  # drawn first: the bars' labels stay readable over it
        regle = alt.Chart(pd.DataFrame({"v": [region_val], "l": [f"Normandie : {formats.pourcentage(region_val, 1)}"]}))
        couches.append(regle.mark_rule(strokeDash=[6, 4], color=charts.GRIS, size=2).encode(
            x="v:Q", tooltip=alt.Tooltip("l:N", title="Référence")))
    couches += [barres, textes]
    chart = alt.layer(*couches).properties(
        height=hauteur(ordre, legende=niveau == "mission_locale" and f.niveau == "region"))
    donnees = pd.DataFrame({nom_niveau: dfc["territoire"], "Département": dfc["departement"],
                            part.libelle: dfc["etiquette"]})
    if niveau == "departement":
        donnees = donnees.drop(columns="Département")
    if lecture is None:
        lecture = lecture_territoires(dfc, niveau, region_val, f.annee)
    charts.afficher(chart, titre=titre, donnees=donnees, lecture=lecture, provenance=f.provenance,
                    source=source_extraits(f), cle=cle,
                    note="ligne pointillée : Normandie ; « secret » : effectif inférieur à "
                         f"{formats.nombre(secret.seuil_actif())} jeunes, ou masqué pour qu'il ne puisse être "
                         "recalculé")


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
        phrase += f" ; {formats.nombre(nb_secret)} valeur{'s' if nb_secret > 1 else ''} couverte{'s' if nb_secret > 1 else ''} par le secret statistique"
    return phrase + "."


def entete_territoires(f: filtres.Filtres, quoi: str) -> None:
    """Heading of the per-territory part: what, where, when, and where it comes from."""
    st.header(f"Par territoire : {f.libelle}, {f.annee}")
    if f.provenance is Provenance.DEMO:
        ui.avertir_demo()
    st.markdown(f"{quoi} Territoire et année se choisissent dans le panneau latéral.")
    ui.badge(f.provenance, source_extraits(f))


def tableau_territoires(pt: ParTerritoire, *, titre: str, cle: str, note: str | None = None) -> None:
    """The per-territory table of the selected territory, its export buttons and the secrecy rule."""
    from observatoire.vue import telechargements  # noqa: PLC0415  (heavy: loaded when a table is drawn)

    f = pt.filtres
    st.subheader(titre)
    table = pt.tableau()
    st.dataframe(table, hide_index=True, width="stretch", key=f"tableau_{cle}")
    st.caption((f"{note} " if note else "") + f"« {formats.SECRET} » : effectif de 1 à "
               f"{formats.nombre(secret.seuil_actif() - 1)} jeunes, ou masqué pour qu'il ne puisse être recalculé "
               "à partir des totaux (secret secondaire) ; une part calculée sur un effectif secret l'est aussi.")
    telechargements.boutons_tableau(table, titre=titre, source=source_extraits(f), cle=cle, provenance=f.provenance,
                            perimetre=f"{f.libelle}, {f.annee}")
