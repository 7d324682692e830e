"""What the thematic pages (Justice, Handicap, Logement, Santé, VIGIE & formation, Citoyenneté & mobilité,
Vie du réseau) draw alike, so that each page stays a short list of what it shows:

- published figures as cards, with uncertain pairings flagged *visibly* (not only in a tooltip);
- published breakdowns as bar charts (never pies: some add up to more than 100 %), with the caveat under them;
- the report's actions and 2023 perspectives (data/sources/textes_rapport.toml);
- counts from the extracts by territory, computed and protected by observatoire/publication/thematiques.py:
  the share of each territory against Normandy's, the table of the selected territory.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from observatoire import config, formats, palette, secret
from observatoire.sorties.phrases import typographier
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publication import perimetre
from observatoire.publication import thematiques as calc
from observatoire.publication.perimetre import Filtres
from observatoire.publication.thematiques import (
    COUPURE, NIVEAUX, Part, ParTerritoire, couper, est_incertain, lecture_territoires, parts_par_territoire,
    source_extraits,
)
from observatoire.publies import Indicateur
from observatoire.textes_rapport import TEXTES
from observatoire.vue import composants, filtres, graphiques, publies

DRAPEAU_INCERTAIN = ":orange-badge[:material/warning: appariement incertain]"


# --- published figures ----------------------------------------------------------------------------

def axe_categories(champ: str, ordre: list[str]) -> alt.Y:
    """The category axis of horizontal bars, its labels wrapped on several lines."""
    return alt.Y(champ, sort=ordre, title=None,
                 axis=alt.Axis(labelExpr=f"split(datum.label, '{COUPURE}')", labelLimit=220, labelPadding=4))


def hauteur(etiquettes: Sequence[str], legende: bool = False) -> int:
    """Chart height for one bar per (wrapped) label: room for the longest label's lines on every bar, plus the
    x axis (and the legend below it): charts are sized with autosize 'fit', axes and legend included."""
    lignes = max((e.count(COUPURE) + 1 for e in etiquettes), default=1)
    return 60 + (50 if legende else 0) + len(etiquettes) * max(30, 15 * lignes + 8)


def notes_incertaines(inds: Sequence[Indicateur]) -> None:
    """Each distinct uncertain-pairing note of these figures, as a visible caption with a warning icon."""
    for note in dict.fromkeys(i.note for i in inds if est_incertain(i)):
        st.caption(f":orange[:material/warning:] {note}")


def carte(ind: Indicateur, libelle: str | None = None, complement: str | None = None) -> None:
    """composants.carte_publiee, plus a visible flag when the pairing is uncertain (the note is in the badge's help
    and, through `cartes`, in a caption under the row)."""
    if est_incertain(ind):
        complement = f"{complement}  \n{DRAPEAU_INCERTAIN}" if complement else DRAPEAU_INCERTAIN
    composants.carte_publiee(ind, libelle=libelle, complement=complement)


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


def cartes_libellees(libelles: dict[str, str], par_ligne: int = 3,
                     complements: dict[str, str] | None = None) -> None:
    """The cards of the published figures `libelles` names (id -> the card's label), in its order."""
    cartes(indicateurs(*libelles), par_ligne, libelles, complements)


def indicateurs(*ids: str) -> list[Indicateur]:
    return [publies.indicateur(i) for i in ids]


@lru_cache(maxsize=128)
def _barres_publiees(inds: tuple[Indicateur, ...], noms: tuple[str, ...], axe: str, groupes: tuple[str, ...] | None,
                     titre_groupes: str, signe: bool) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The chart of published figures (the report's: the same for every year and territory), built once per
    process for the same figures and words; graphiques.afficher then reuses its spec (~40 ms a chart, seven on
    the Santé page)."""
    noms = list(noms)
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
                                                                        range=palette.CATEGORIELLE[:len(ordre_groupes)])))
    else:
        barres = base.mark_bar()
    # Labels at the end of each bar: right of a positive bar, left of a negative one.
    positives = base.mark_text(align="left", dx=4, color="#1a1a1a").encode(text="etiquette:N") \
        .transform_filter("datum.valeur >= 0")
    negatives = base.mark_text(align="right", dx=-4, color="#1a1a1a").encode(text="etiquette:N") \
        .transform_filter("datum.valeur < 0")
    chart = alt.layer(barres, positives, negatives).properties(
        height=hauteur(list(df["categorie"]), legende=groupes is not None))
    return chart, df


def graphique_publie(inds: Sequence[Indicateur], *, titre: str, cle: str, lecture: str,
                     libelles: Sequence[str] | None = None, axe: str = "%", note: str | None = None,
                     groupes: Sequence[str] | None = None, titre_groupes: str = "Groupe",
                     signe: bool = False) -> None:
    """A published breakdown as horizontal bars labelled in French format, in the order given.

    Bars, not a pie: several breakdowns of the report add up to more than 100 % (several answers possible,
    rounding). Provenance 'publié' unless one of the figures is derived. The uncertain-pairing notes of the
    figures are printed under the chart, and travel with its files (`avertissements`); a label whose pairing
    is uncertain is marked "(?)" on the chart. `signe`: write "+" before positive values (differences)."""
    noms = [calc.marquer_incertain(n, i) for n, i in zip(libelles if libelles is not None
                                                         else [i.libelle for i in inds], inds)]
    if any(calc.MARQUE_INCERTAINE in n for n in noms) and calc.MARQUE_INCERTAINE not in (note or ""):
        note = f"{note} ; {calc.LEGENDE_MARQUE}" if note else calc.LEGENDE_MARQUE
    chart, df = _barres_publiees(tuple(inds), tuple(noms), axe, None if groupes is None else tuple(groupes),
                                 titre_groupes, signe)
    donnees = pd.DataFrame({"Catégorie": noms, "Valeur": df["etiquette"]})
    if groupes is not None:
        donnees.insert(1, titre_groupes, list(groupes))
    derive = any(i.statut == "dérivé" for i in inds)
    sections = " ; ".join(dict.fromkeys(i.source for i in inds))
    graphiques.afficher(chart, titre=titre, donnees=donnees, lecture=lecture,
                    provenance=Provenance.DERIVE if derive else Provenance.PUBLIE,
                    source=f"{SOURCE_RAPPORT} – {sections}", cle=cle, note=note,
                    avertissements=calc.avertissements(inds))
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
        composants.tableau_publies(inds)


def entete_par_territoire(titre: str, chapeau: str) -> Filtres:
    """The head of a thematic page whose counts the extracts give by territory: title and lead, the sidebar's
    filters (returned), then the section of the report's year."""
    composants.entete(titre, chapeau)
    f = filtres.barre_laterale()
    st.header(f"En {config.ANNEE_RAPPORT}")
    return f


def contexte(cle: str) -> None:
    """Why the network acts on this theme, in one or two sentences (data/sources/textes_rapport.toml)."""
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

def graphique_territoires(pt: ParTerritoire, part: Part, *, titre: str, cle: str, lecture: str | None = None,
                          axe: str | None = None, niveau: str = "mission_locale") -> None:
    """A share by territory against Normandy's (graphiques.barres_reference), hidden values written "secret".

    niveau='mission_locale': all 24 for the region (coloured by department), those of the department otherwise;
    niveau='departement': the 5 departments. The selected territory (or its department) in dark blue."""
    f = pt.filtres
    parts = parts_par_territoire(pt, part, niveau)
    dfc = parts.lignes
    nom_niveau = NIVEAUX[niveau]
    par_departement = niveau == "mission_locale" and f.niveau == "region"
    lignes = dfc.assign(territoire=[couper(t, 22) for t in dfc["territoire"]], part_pct=dfc["valeur"],
                        nom=dfc["territoire"], groupe=dfc["departement"],
                        choisi=dfc["choisi"] if dfc["choisi"].any() else True)  # none chosen: every bar dark
    reference = parts.reference
    chart = graphiques.barres_reference(
        lignes, reference=reference, titre_axe=axe or part.libelle,
        libelle_reference=f"Normandie : {formats.pourcentage(reference, 1)}" if reference is not None else "",
        infobulles=[alt.Tooltip("nom:N", title=nom_niveau), alt.Tooltip("departement:N", title="Département"),
                    alt.Tooltip("etiquette:N", title=part.libelle)],
        groupes=[f"{n} ({c})" for c, n in perimetre.DEPARTEMENTS.items()] if par_departement else None)
    donnees = pd.DataFrame({nom_niveau: dfc["territoire"], "Département": dfc["departement"],
                            part.libelle: dfc["etiquette"]})
    if niveau == "departement":
        donnees = donnees.drop(columns="Département")
    if lecture is None:
        lecture = lecture_territoires(dfc, niveau, reference, f.annee)
    graphiques.afficher(chart, titre=titre, donnees=donnees, lecture=lecture, provenance=f.provenance,
                        source=source_extraits(f), cle=cle,
                        note="ligne pointillée : Normandie ; « secret » : effectif inférieur à "
                             f"{formats.nombre(secret.seuil_actif())} jeunes, ou masqué pour qu'il ne puisse être "
                             "recalculé")


def entete_territoires(f: Filtres, quoi: str) -> None:
    """Heading of the per-territory part: what, where, when, and where it comes from."""
    st.header(f"Par territoire : {f.libelle}, {f.annee}")
    if f.provenance is Provenance.DEMO:
        composants.avertir_demo()
    st.markdown(f"{quoi} Territoire et année se choisissent dans le panneau latéral.")
    composants.badge(f.provenance, source_extraits(f))


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
