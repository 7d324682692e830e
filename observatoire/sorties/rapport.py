"""The activity report of one year and one territory, as content independent of its format.

`contenu(annee, code)` returns sections in the order of the ARML Normandie 2022 activity report, each with
its starting prose (data/sources/textes_rapport.toml), its figures as tables (every figure with its
provenance and source) and its charts (Vega-Lite specs). observatoire/sorties/rapport_docx.py and
rapport_pdf.py only typeset it.

Every figure comes through the functions the screen uses (publies, presentation.diapos, fiche.lignes_comparaison,
phrases.phrases): this module formats, it never counts. All data access is in `_donnees` (called once by
`contenu`), so that re-pointing the report to the publication layer is one change; the prose is data too
(observatoire/textes_rapport.py). Secrecy is applied by those functions (a hidden
count reads "secret"); demonstration figures are marked as such wherever they appear.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from observatoire import config, formats
from observatoire.provenance import AVERTISSEMENT_DEMO, SOURCE_RAPPORT, Provenance

TITRE = "Rapport d'activité"
SOURCE_CONTACTS = f"Coordonnées publiées dans le {SOURCE_RAPPORT} (points d'accueil)"


@dataclass(frozen=True)
class Repartition:
    """A published breakdown drawn as bars (shares in %): the ids of indicateurs_publies.csv and their labels."""
    cle: str
    titre: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Plan:
    """One section of the 2022 report: its title, the themes of indicateurs_publies.csv it prints, the key of
    its text in textes_rapport.toml, the slides whose charts it shows, the rows of the territory comparison."""
    cle: str
    titre: str
    themes: tuple[str, ...] = ()
    texte: str | None = None
    diapos: tuple[str, ...] = ()
    comparaison: tuple[str, ...] = ()
    repartitions: tuple[Repartition, ...] = ()


# The report's sections in its own order (the seed text), the observatory's key figures where it prints them.
PLAN: tuple[Plan, ...] = (
    Plan("equipe", "Chiffres clés 2022 : l'activité de l'équipe", ("equipe", "gouvernance"), "equipe"),
    Plan("cej", "Contrat d'Engagement Jeune", ("cej",), "cej", ("cej", "rythme_cej"),
         ("Entrées en Garantie Jeunes et CEJ", "Objectif d'entrées conventionné avec l'État",
          "Taux de réalisation de l'objectif")),
    Plan("emploi", "Emploi : relation entreprises, entreprenariat, parrainage", ("emploi",), "emploi", ("emploi",),
         ("Jeunes entrés en emploi", "Jeunes entrés en alternance")),
    Plan("vigie", "VIGIE Jeunesse", ("vigie",), "vigie"),
    Plan("formation", "Formation", ("formation",), "formation", (), ("Jeunes entrés en formation",)),
    Plan("obligation_formation", "Obligation de formation", ("obligation_formation",), "obligation_formation"),
    Plan("objectif_planete", "Objectif Planète", ("objectif_planete",), "objectif_planete"),
    Plan("citoyennete", "Citoyenneté", ("citoyennete",), "citoyennete"),
    Plan("mobilite", "Mobilité", ("mobilite",), "mobilite"),
    Plan("handicap", "Handicap", ("handicap",), "handicap", (), ("Part des jeunes ayant une RQTH",)),
    Plan("sante", "Santé", ("sante", "sante_enquete"), "sante"),
    Plan("justice", "Justice", ("justice",), "justice", (), ("Jeunes placés sous main de justice",),
         (Repartition("milieu", "Jeunes placés sous main de justice accompagnés, selon le milieu",
                      (("justice_part_milieu_ferme", "Milieu fermé"),
                       ("justice_part_milieu_ouvert", "Milieu ouvert"))),)),
    Plan("logement", "Logement", ("logement",), "logement", (), ("Jeunes en logement précaire ou complexe",),
         (Repartition("modes", "Situation de logement des jeunes accompagnés",
                      (("logement_parents_famille_part", "Parents ou famille"), ("logement_autonome_part", "Autonome"),
                       ("logement_precaire_part", "Précaire ou complexe"))),)),
    Plan("plan_formation", "Plan régional de formation", ("plan_formation",), "plan_formation"),
    Plan("communication", "Communication & événementiels", ("communication",), "communication"),
    Plan("observatoire", "Observatoire : les jeunes accompagnés", ("publics",), None, ("chiffres", "publics", "carte"),
         ("Jeunes accompagnés", "Jeunes accompagnés pour 1\u202f000 habitants (population 2017)",
          "Évolution par rapport à {precedente}", "Jeunes en premier accueil", "Part des jeunes sans diplôme",
          "Part des jeunes résidant en QPV", "Part des jeunes résidant en ZRR"),
         (Repartition("ages", "Âge des jeunes accompagnés",
                      (("publics_part_age_16_17", "16-17 ans"), ("publics_part_age_18_20", "18-20 ans"),
                       ("publics_part_age_21_23", "21-23 ans"), ("publics_part_age_24_plus", "24 ans et plus"))),)),
    Plan("mutualisation", "Mutualisation, optimisation RH et finances", ("mutualisation",), "mutualisation"),
    Plan("labellisation", "Labellisation S.I. / assistance technique régionale", ("labellisation",), "labellisation"),
)


@dataclass(frozen=True)
class Tableau:
    genre: str                       # "publies", "comparaison" or "contacts": how a typesetter lays it out
    titre: str
    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    note: str = ""
    demonstration: bool = False


@dataclass(frozen=True)
class Figure:
    """A chart: its message, a one-line reading (its text alternative), where its data come from."""
    cle: str
    titre: str
    lecture: str
    provenance: Provenance
    source: str
    spec: dict                      # Vega-Lite, theme applied; sized by the typesetter

    @property
    def demonstration(self) -> bool:
        return self.provenance is Provenance.DEMO


@dataclass(frozen=True)
class Phrase:
    texte: str
    provenance: Provenance
    source: str


@dataclass
class Section:
    cle: str
    titre: str
    paragraphes: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    mention_texte: str = ""          # where the prose comes from, and that it is a starting point
    tableaux: list[Tableau] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)

    @property
    def demonstration(self) -> bool:
        return any(t.demonstration for t in self.tableaux) or any(f.demonstration for f in self.figures) \
            or any(p.provenance is Provenance.DEMO for p in self.phrases)


@dataclass
class Rapport:
    annee: int
    code: str
    nom: str
    edition: str                     # "7 décembre 2026"
    sections: list[Section]
    publie: bool                     # the region's published figures of the report's year

    @property
    def titre(self) -> str:
        return f"{TITRE} {self.annee}"

    @property
    def demonstration(self) -> bool:
        return any(s.demonstration for s in self.sections)

    @property
    def avertissement(self) -> str:
        return AVERTISSEMENT_DEMO if self.demonstration else ""

    def valeurs(self) -> list[str]:
        """Every cell of every table: what the tests compare with the screen and the published file."""
        return [c for s in self.sections for t in s.tableaux for ligne in t.lignes for c in ligne]


# --- data access: the only place that asks for figures ----------------------------------------------

@dataclass
class _Donnees:
    publies: dict                    # id -> publies.Indicateur of the year (region, report's year only)
    diapos: dict                     # key -> presentation.Diapo
    comparaison: object              # pandas DataFrame of fiche.lignes_comparaison, or None
    phrases: list                    # phrases.Phrase
    contacts: object                 # pandas DataFrame of the Missions Locales' contacts
    nom: str                         # 'Calvados (14)', 'Mission Locale Baie de Seine'
    provenance_extraits: Provenance  # of the year's extracts: DEMO or EXTRAITS


def _donnees(annee: int, code: str) -> _Donnees:
    from observatoire import publies  # noqa: PLC0415
    from observatoire.sorties import diapositives as presentation, phrases  # noqa: PLC0415
    from observatoire.publication import perimetre, referentiel  # noqa: PLC0415
    from observatoire.sorties.tableurs import libelle_territoire  # noqa: PLC0415
    from observatoire.sorties import fiche  # noqa: PLC0415

    # The region's report of the published year prints every figure of that report (some describe 2021 or 2023).
    publies_annee = publies.tous() if code == config.REGION and annee == config.ANNEE_RAPPORT else {}
    diapos = {d.cle: d for d in presentation.diapos(annee, code)}
    comparaison = None if publies_annee.get("jeunes_accompagnes") else fiche.lignes_comparaison(annee, code)
    return _Donnees(publies_annee, diapos, comparaison, phrases.phrases(annee, code), referentiel.coordonnees(code),
                    libelle_territoire(code), perimetre.provenance_extraits("jeunes", annee))


def contenu(annee: int, code: str | None = None, date: dt.date | None = None) -> Rapport:
    """The report of territory `code` ('Normandie', '14', '14-CAE') for year `annee`."""
    code = code or config.REGION
    annee = int(annee)
    d = _donnees(annee, code)
    publie = bool(d.publies.get("jeunes_accompagnes"))
    sections = [_essentiel(d, annee)]
    sections += [_section(plan, d, annee, code, publie) for plan in PLAN]
    sections.append(_points_accueil(d))
    return Rapport(annee, code, d.nom, formats.date(date or dt.date.today()), sections, publie)


# --- sections ------------------------------------------------------------------------------------------

def _essentiel(d: _Donnees, annee: int) -> Section:
    phrases = [Phrase(p.texte, p.provenance, p.source) for p in d.phrases]
    return Section("essentiel", f"L'essentiel de {annee}", phrases=phrases,
                   mention_texte="Phrases prêtes à publier, chacune avec sa source (page Phrases clés).")


def _section(plan: Plan, d: _Donnees, annee: int, code: str, publie: bool) -> Section:
    s = Section(plan.cle, plan.titre)
    _prose(s, plan, code)
    if publie:
        inds = [i for i in d.publies.values() if i.theme in plan.themes]
        if inds:
            s.tableaux.append(_tableau_publies(inds))
    elif plan.comparaison and d.comparaison is not None:
        s.tableaux.append(_tableau_comparaison(plan, d, annee, code))
    s.figures += [_figure(d.diapos[c]) for c in plan.diapos if c in d.diapos and d.diapos[c].graphique is not None]
    if publie:
        s.figures += [_figure_publiee(rep, d.publies) for rep in plan.repartitions
                      if all(i in d.publies for i, _ in rep.parts)]
    if not publie and plan.cle == "observatoire" and "chiffres" in d.diapos:
        s.paragraphes.insert(0, d.diapos["chiffres"].titre + ".")
    return s


def _prose(s: Section, plan: Plan, code: str) -> None:
    from observatoire.sorties.phrases import typographier  # noqa: PLC0415
    from observatoire.textes_rapport import TEXTES  # noqa: PLC0415

    texte = TEXTES.get(plan.texte) if plan.texte else None
    if texte is None:
        return
    s.paragraphes.append(typographier(texte.contexte))
    s.actions = [typographier(a) for a in texte.actions]
    s.perspectives = [typographier(p) for p in texte.perspectives]
    mention = f"Texte de départ : résumé du {SOURCE_RAPPORT}, section « {texte.section} »"
    if code != config.REGION:
        mention += " (texte régional, à adapter au territoire)"
    s.mention_texte = typographier(mention + ". " + (texte.note + " " if texte.note else "") + "À réécrire librement.")


def _tableau_publies(inds: list) -> Tableau:
    """Published figures of one section: value as printed, provenance, and section or formula."""
    lignes = tuple((i.libelle, i.texte, i.provenance.libelle,
                    i.source if i.statut == "publié" else f"{i.source} ; formule : {i.formule}") for i in inds)
    colonnes = ("Indicateur", "Valeur", "Provenance", "Section du rapport ou formule")
    return Tableau("publies", "Chiffres publiés", colonnes,
                   lignes, f"Source : {SOURCE_RAPPORT}.")


def _tableau_comparaison(plan: Plan, d: _Donnees, annee: int, code: str) -> Tableau:
    """The territory's rows of the sheet's comparison (same figures as the screen, secrecy applied)."""
    from observatoire import secret  # noqa: PLC0415
    from observatoire.sorties import phrases  # noqa: PLC0415

    voulus = [lib.format(precedente=annee - 1) for lib in plan.comparaison]
    lignes = d.comparaison[d.comparaison["Indicateur"].isin(voulus)]
    demo = d.provenance_extraits is Provenance.DEMO
    source = phrases.SOURCE_DEMO if demo else phrases.SOURCE_EXTRAITS
    prov = (Provenance.DEMO if demo else Provenance.EXTRAITS).libelle
    note = (f"Provenance : {prov}. Source : {source}. Secret statistique : un effectif inférieur à "
            f"{secret.seuil_actif()} est affiché « secret », ainsi que ceux qui permettraient de le retrouver.")
    if code == config.REGION:
        return Tableau("comparaison", "Chiffres clés", ("Indicateur", config.REGION),
                       tuple((r[0], r[2]) for r in lignes.itertuples(index=False)), phrases.typographier(note), demo)
    return Tableau("comparaison", "Chiffres clés, comparés à la Normandie", ("Indicateur", d.nom, config.REGION),
                   tuple(tuple(r) for r in lignes.itertuples(index=False)), phrases.typographier(note), demo)


def _figure(diapo) -> Figure:
    from observatoire import theme_graphique  # noqa: PLC0415

    return Figure(diapo.cle, diapo.titre, diapo.lecture, diapo.provenance, diapo.source,
                  theme_graphique.spec(diapo.graphique))


def _figure_publiee(rep: Repartition, publies: dict) -> Figure:
    """Bars of published shares, each value as printed; the sections they come from as the source."""
    import pandas as pd  # noqa: PLC0415

    from observatoire import theme_graphique  # noqa: PLC0415
    from observatoire.sorties import diapositives as presentation  # noqa: PLC0415

    inds = [publies[i] for i, _ in rep.parts]
    df = pd.DataFrame({"Catégorie": [lib for _, lib in rep.parts], "Part (%)": [i.valeur for i in inds]})
    lecture = " ; ".join(f"{lib} : {i.texte}" for (_, lib), i in zip(rep.parts, inds)) + "."
    sections = list(dict.fromkeys(i.source for i in inds))
    prov = Provenance.DERIVE if any(i.statut == "dérivé" for i in inds) else Provenance.PUBLIE
    # "~": no trailing zero, so that a bar reads as the printed figure (57, not 57,0)
    graphique = presentation.graphique_barres(df, "Catégorie", "Part (%)", ",.1~f")
    return Figure(rep.cle, rep.titre, lecture, prov, f"{SOURCE_RAPPORT} – " + " ; ".join(sections),
                  theme_graphique.spec(graphique))


def _points_accueil(d: _Donnees) -> Section:
    lignes = tuple((r.nom, r.ville_siege, r.telephone, r.email) for r in d.contacts.itertuples())
    titre = "Points d'accueil" if len(lignes) > 1 else "Point d'accueil"
    return Section("points_accueil", titre, tableaux=[
        Tableau("contacts", "Missions Locales" if len(lignes) > 1 else "Mission Locale",
                ("Mission Locale", "Siège", "Téléphone", "Courriel"), lignes, f"{SOURCE_CONTACTS}.")])
