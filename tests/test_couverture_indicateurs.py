"""Every figure of data/sources/indicateurs_publies.csv is displayed on at least one page: drawn, not only fetched.

One AppTest session visits every page of the menu (observatoire/pages_registre.PAGES), then each tab that the run
did not draw (tabs bound to a key draw only the selected one: observatoire/vue/thematiques.onglets), and gathers what a
reader sees, bloc by bloc (tests/outils.blocs_visibles): each card (a bordered container, all of it), each text
element, each table row, each datum of a chart (the fields its text marks, tooltips, category axes and legends show,
read with the chart's title and its 'Source : …' line).

A figure is displayed when a bloc writes its value as the app writes it — `Indicateur.texte`
(observatoire.formats.valeur: '50 687', '36,8 %', '−3,3 points'), or a share with one decimal ('37,0 %'), or signed
('+17 %', '+0,9 point') — as a whole number (not the '2' of '2 636', '12', '2,5', '16-17 ans', '1er' or '2 %'),
and the same bloc says which figure it is:
- its label (`libelle`), as the tables of published figures and most cards and charts write it; or
- its section of the report, cited the way pages cite it ('ARML Normandie, Rapport d'activité 2022 – Justice' under
  a card, 'publié (rapport 2022) – Observatoire' in a row, the source line of a chart), with either the value
  written on its own (a card's value, a cell, a bar's label) and a word of the label, or half the label's words
  (a sentence: 'soit **20,3 %** des jeunes accompagnés' in the card on young people in autonomous housing).
When several figures have that value, the bloc goes to the one it describes best (label, then section, then share of
the label's words; the words of source lines and badges do not count): the '1' of the card on HR support is not
taken for finance support's.

What does not count: cards badged as computed on the demonstration or imported extracts (demo data are calibrated
on the report: a regional total equals the published one by construction), and the pages that list the figures
rather than display them (CATALOGUES). Each id is one test: a missing figure is named, with where its value was seen
and why that did not count."""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pytest

from observatoire import formats
from observatoire.pages_registre import PAGES
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publies import Indicateur
from tests.outils import ROOT, Bloc, blocs_visibles, lancer, onglets_lies

with open(ROOT / "data" / "sources" / "indicateurs_publies.csv", encoding="utf-8", newline="") as f:
    INDICATEURS = {ligne["id"]: Indicateur(**{
        k: float(v) if k == "valeur" else int(v) if k == "annee" else v
        for k, v in ligne.items() if k in Indicateur.__dataclass_fields__}) for ligne in csv.DictReader(f)}
IDS = list(INDICATEURS)

# Figures allowed not to be displayed yet, with the page that owes them (none today).
ATTENDUS_AILLEURS: dict[str, str] = {}

# Pages that list every figure (or a kind of them) rather than display them: visited, not evidence.
CATALOGUES = {"donnees_exports.py": "catalogue de tous les chiffres publiés",
              "sources_methodes.py": "liste des appariements incertains"}

# Tabs bound to a key that the visit must find (a guard on tests/outils.onglets_lies: the figures of these tabs
# would otherwise be looked for in the default tab only).
ONGLETS_ATTENDUS = {("vigie_formation.py", "onglet_vigie"), ("vie_reseau.py", "onglet_reseau")}


# --- the visit --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Etat:
    page: str
    onglet: tuple[str, str] | None = None  # (session key, tab label)

    def __str__(self) -> str:
        return self.page + (f" [{self.onglet[0]}={self.onglet[1]}]" if self.onglet else "")


@pytest.fixture(scope="module")
def visite() -> dict[Etat, tuple[list[Bloc], list[str]]]:
    """Every page once, in menu order, then each other tab of its bound tabs: the blocs seen and the exceptions."""
    at = lancer()
    vus: dict[Etat, tuple[list[Bloc], list[str]]] = {}
    for i, page in enumerate(PAGES):
        if i:
            at.switch_page(f"pages/{page.fichier}").run()
        vus[Etat(page.fichier)] = (blocs_visibles(at), [e.message for e in at.exception])
        for cle, onglets in onglets_lies(at).items():
            for onglet in onglets:
                at.switch_page(f"pages/{page.fichier}")
                at.session_state[cle] = onglet
                at.run()
                vus[Etat(page.fichier, (cle, onglet))] = (blocs_visibles(at), [e.message for e in at.exception])
    return vus


# --- matching -----------------------------------------------------------------------------------------------

def formes(ind: Indicateur) -> list[str]:
    """The ways the app writes this value: Indicateur.texte; a share with one decimal (tables and sentences
    computed from the extracts' shares, formats.pourcentage(x, 1)); signed (a change, formats.variation; the bars
    of differences, graphique_publie(signe=True)); a points change with an ordinary space (written in markdown)."""
    texte = ind.texte
    vues = [texte]
    if ind.unite == "%":  # with as many decimals as keep the value exact (8,7 % is never written '+9 %')
        vues += [ecrire(ind.valeur, d) for ecrire in (formats.pourcentage, formats.variation) for d in (0, 1)
                 if round(ind.valeur, d) == ind.valeur]
    if ind.valeur > 0:
        vues.append("+" + texte)
    if ind.unite == "points":
        vues += [v.replace("\u00a0", " ") for v in vues]
    return list(dict.fromkeys(vues))


FORMES: dict[str, set[str]] = defaultdict(set)  # written value -> ids
for _ind in INDICATEURS.values():
    for _forme in formes(_ind):
        FORMES[_forme].add(_ind.id)

# A whole number: not preceded by a digit, a decimal comma/point, a sign, a hyphen (16-17) or a digit and a space
# (the thousands of '2 636'); not followed by a digit, a decimal part, a group of thousands, a letter (1er, 40e) or a
# unit the form does not have (the '18' of '18 %' is a share, the '2' of '2 points' a change).
_AVANT = re.compile(r"(?:[\d,.+\-\u2212]|\d\s)$")
_APRES = re.compile(r"(?:\d|[,.]\d|\s\d{3}(?!\d)|[^\W\d_]|\s?%|\s?points?\b)")


def valeurs_ecrites(texte: str) -> list[tuple[int, str]]:
    """(end, written form) of every published value written in the text as a whole number."""
    trouvees = []
    for forme in FORMES:
        debut = texte.find(forme)
        while debut >= 0:
            fin = debut + len(forme)
            if not _AVANT.search(texte[max(0, debut - 2):debut]) and not _APRES.match(texte, fin):
                trouvees.append((fin, forme))
            debut = texte.find(forme, debut + 1)
    return trouvees


def _normaliser(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("*", "").replace("’", "'")).casefold().strip()


_MOTS_VIDES = set("a au aux avec ce ces dans de des du en et l d la le les leur leurs lors ou par parmi pour qu "
                  "que qui sa se ses son sur un une vers y est sont ont ayant etant entre depuis selon".split())


def racines(s: str) -> set[str]:
    """The label's words, without accents, cut to five letters (accompagné ~ accompagnés), empty words left out."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    return {m[:5] for m in re.findall(r"[a-z0-9]+", s) if m not in _MOTS_VIDES and (len(m) > 1 or m.isdigit())}


LIBELLES = {i: _normaliser(ind.libelle) for i, ind in INDICATEURS.items()}
RACINES = {i: racines(ind.libelle) or {"∅"} for i, ind in INDICATEURS.items()}
_PROVENANCES_PUBLIEES = "|".join(re.escape(x) for x in (SOURCE_RAPPORT, Provenance.PUBLIE.libelle,
                                                         Provenance.DERIVE.libelle))
CITATIONS = {i: re.compile(rf"(?:{_PROVENANCES_PUBLIEES}) – {re.escape(ind.source)}(?=$|\s*[;—)\n])")
             for i, ind in INDICATEURS.items()}
BADGES_EXTRAITS = [f"{p.icone} {p.libelle}" for p in (Provenance.DEMO, Provenance.EXTRAITS)]
BADGES_PUBLIES = [f"{p.icone} {p.libelle}" for p in (Provenance.PUBLIE, Provenance.DERIVE)]


def sans_source(texte: str) -> str:
    """The text without its source lines and badges: the words of a section's name or of "Rapport d'activité 2022"
    are every figure of the section's, they tell none of them apart."""
    texte = re.sub(r":[a-z]+-badge\[[^\]]*\]", "", texte)
    return "\n".join(ligne for ligne in texte.split("\n") if not ligne.lstrip().startswith("Source"))


def des_extraits(bloc: Bloc) -> bool:
    """A card badged 'démonstration' or 'calculé sur extraits' (and not 'publié'/'dérivé')."""
    t = bloc.texte
    return any(b in t for b in BADGES_EXTRAITS) and not any(b in t for b in BADGES_PUBLIES)


def _extrait(bloc: Bloc) -> str:
    t = re.sub(r"\s+", " ", " / ".join(x for x, _ in bloc.cellules if x.strip()))
    t = t if len(t) <= 160 else t[:157] + "…"
    return t + (f" [graphique « {bloc.contexte[0][:60]} »]" if bloc.contexte else "")


@dataclass
class Constat:
    affiches: dict[str, list[str]]                    # id -> where it is displayed
    refus: dict[str, list[tuple[tuple, str]]]         # id -> (how close, where its value was seen and why not)
    erreurs: dict[str, list[str]]                     # state -> exceptions
    etats: list[Etat]


def en_titre(cellule: str) -> set[str]:
    """The lines of a cell that are a value on their own: a card's value, a table cell, a chart's label."""
    return {ligne.strip(" *") for ligne in cellule.split("\n")}


def juger(libelle: bool, cite: bool, part: float, titre: bool) -> bool:
    """Shown as this figure: its label in the bloc; or its report section cited there, with the value written on
    its own (a card's value, a cell) and a word of its label, or with half of its label's words around it."""
    return libelle or (cite and ((titre and part > 0) or part >= 0.5))


def _attribuer(ids: dict[str, str], notes: dict[str, tuple], titres: set, lieu: str,
               affiches: dict[str, list[str]], refus: dict[str, list[tuple[tuple, str]]]) -> None:
    """One written value that may be any of `ids` (id -> the form written): the best-scored ones take it when
    `juger` accepts their score; the others are refused, with the reason."""
    meilleure = max(notes.values())
    for i, forme in ids.items():
        if notes[i] < meilleure:
            autres = sorted(j for j in ids if notes[j] == meilleure)
            refus[i].append((notes[i], f"{lieu} — attribué à {', '.join(autres)}"))
        elif juger(*notes[i], titre=forme in titres):
            affiches[i].append(lieu)
        else:
            refus[i].append((notes[i], f"{lieu} — ni son libellé, ni sa section du rapport "
                                       f"avec ses mots ({notes[i][2]:.0%} de ses mots)"))


@pytest.fixture(scope="module")
def constat(visite) -> Constat:
    affiches: dict[str, list[str]] = defaultdict(list)
    refus: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for etat, (blocs, _) in visite.items():
        if etat.page in CATALOGUES:
            continue
        for bloc in blocs:
            if not any(ch.isdigit() for ch in bloc.texte):
                continue
            lieu = f"{etat} ({bloc.genre}) : {_extrait(bloc)}"
            extraits = des_extraits(bloc)
            lu = "\n".join((bloc.texte, *bloc.contexte))  # a chart's datum is read with its title and source
            texte, mots = _normaliser(lu), racines(sans_source(lu))
            for cellule, _ in bloc.cellules:
                # One written value (cell, end) may be several figures': scored, the best ones take it.
                par_position: dict[int, dict[str, str]] = defaultdict(dict)
                for fin, forme in valeurs_ecrites(cellule):
                    par_position[fin].update(dict.fromkeys(FORMES[forme], forme))
                titres = en_titre(cellule)
                for ids in par_position.values():
                    if extraits:
                        for i in ids:
                            refus[i].append(((True, False, 0.0), f"{lieu} — carte des extraits (badge)"))
                        continue
                    notes = {i: (LIBELLES[i] in texte, bool(CITATIONS[i].search(lu)),
                                 len(RACINES[i] & mots) / len(RACINES[i])) for i in ids}
                    _attribuer(ids, notes, titres, lieu, affiches, refus)
    erreurs = {str(e): exc for e, (_, exc) in visite.items()}
    return Constat(dict(affiches), dict(refus), erreurs, list(visite))


# --- tests ---------------------------------------------------------------------------------------------------

def test_identifiants_uniques():
    with open(ROOT / "data" / "sources" / "indicateurs_publies.csv", encoding="utf-8", newline="") as f:
        lus = [ligne["id"] for ligne in csv.DictReader(f)]
    assert lus and len(set(lus)) == len(lus)
    assert set(ATTENDUS_AILLEURS) <= set(IDS)
    assert set(CATALOGUES) <= {p.fichier for p in PAGES}


def test_chaque_page_visitee_sans_exception(constat):
    assert {e: x for e, x in constat.erreurs.items() if x} == {}


def test_les_onglets_lies_sont_visites(constat):
    visites = {(e.page, e.onglet[0]) for e in constat.etats if e.onglet}
    assert ONGLETS_ATTENDUS <= visites


@pytest.mark.parametrize("id_", [
    pytest.param(i, marks=pytest.mark.xfail(reason=f"attendu sur la {ATTENDUS_AILLEURS[i]}", strict=False))
    if i in ATTENDUS_AILLEURS else i
    for i in IDS
])
def test_chiffre_publie_affiche_sur_une_page(constat, id_):
    ind = INDICATEURS[id_]
    if id_ not in constat.affiches:
        vu = [texte for _, texte in sorted(constat.refus.get(id_, []), key=lambda r: r[0], reverse=True)]
        pytest.fail(f"{id_} ({ind.libelle!r} = {ind.texte!r}) n'est affiché sur aucune page ; valeur vue "
                    f"{len(vu)} fois sans compter, dont" + "".join(f"\n  - {v}" for v in vu[:8]), pytrace=False)
