"""Reading an exported file, whatever its form, into one plain staging CSV per table.

A file is recognised by its content, not its extension: XLSX (a zip holding xl/workbook.xml), CSV in
UTF-8 (with or without BOM) or Windows-1252 with ';' or ',' between cells, and refused with a
plain explanation when it is something else (image, PDF, HTML page, .xls, .ods, UTF-16 text, tabs).

The staging CSV has a first column `_ligne` (the line number as Excel shows the file: header = line 1)
and one column per model column found, named as in the model; cells are copied untouched (values are
checked later, in SQL, by observatoire/ingest/validation.py). The pass is streamed: memory does not
grow with the file.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import operator
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from observatoire import formats, modele
from observatoire.ingest.colonnes import (SYNONYMES_COLONNES, cle, colonne_du_modele, colonnes_distinctives,
                                          colonnes_lues, formes_des_titres, table_de_feuille)
from observatoire.ingest.rapport import (Exemple, FichierRefuse, Probleme, court, echapper, lettre_colonne,
                                         liste_bornee, refus)

# Model values are short (an identifier is at most 64 characters): a longer cell is an accident.
LONGUEUR_MAX_CELLULE = 1_000
# Beyond this, the CSV parser itself stops (a runaway quote swallowing the file, a corrupted file).
csv.field_size_limit(16 * 1024 * 1024)

SEPARATEURS = (";", ",")
NOMS_SEPARATEURS = {";": "« ; »", ",": "« , »", "\t": "tabulation"}
ENCODAGES = {"utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
# Columns the import can do without: filled from another column (tranche_age from age), from --annee,
# or left empty because the model allows it.
DERIVABLES = {"tranche_age": "age"}
MOTS_TOTAL = {"total", "totalgeneral", "totaux", "ensemble"}

_SIGNATURES = (
    (b"\x89PNG", "binaire", "c'est une image PNG"),
    (b"\xff\xd8\xff", "binaire", "c'est une image JPEG"),
    (b"GIF8", "binaire", "c'est une image GIF"),
    (b"%PDF", "binaire", "c'est un document PDF"),
    (b"\x1f\x8b", "binaire", "c'est une archive compressée (gzip)"),
    (b"Rar!", "binaire", "c'est une archive RAR"),
    (b"7z\xbc\xaf", "binaire", "c'est une archive 7-Zip"),
    (b"\xd0\xcf\x11\xe0", "format_tableur", "c'est un classeur Excel 97-2003 (.xls) ou un classeur protégé "
     "par un mot de passe : enregistrez-le, sans mot de passe, en .xlsx ou en CSV"),
    (b"\xff\xfe\x00\x00", "encodage", "le texte est en UTF-32 : enregistrez en « CSV UTF-8 »"),
    (b"\xff\xfe", "encodage", "le texte est en UTF-16 (« Texte Unicode » d'Excel) : enregistrez en « CSV UTF-8 »"),
    (b"\xfe\xff", "encodage", "le texte est en UTF-16 (« Texte Unicode » d'Excel) : enregistrez en « CSV UTF-8 »"),
)
# Control characters (C0 but tab and line breaks, DEL, C1): never in an export, refused wherever they are.
_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML = re.compile(r"^\s*<(!doctype\s+html|html|head|body|table|\?xml|meta|div|title)\b", re.IGNORECASE)
_SEP_EXCEL = re.compile(r"^sep=(.)$", re.IGNORECASE)


@dataclass
class Lecture:
    """One table read from one file (or one sheet of a workbook)."""
    chemin: Path
    nom: str                       # as shown in messages: file name, and sheet for a workbook
    forme: str                     # "CSV UTF-8, séparateur « ; »", "XLSX, feuille « jeunes »"
    table: str
    colonnes: dict[str, str]       # model column -> header as the file titles it, with its letter
    staging: Path                  # the staging CSV (see the module docstring)
    nb_lignes: int = 0             # data rows written
    ligne_total: int | None = None
    total_cellules: dict[str, str] = field(default_factory=dict)   # model column -> cell of the total line
    total_nombre: str | None = None                                 # first number of the total line
    avertissements: list[str] = field(default_factory=list)
    encodage: str | None = None


class _Collecteur:
    """Problems found while reading, grouped by kind and column, first examples kept."""

    def __init__(self):
        self.problemes: dict[tuple[str, str | None], Probleme] = {}

    def ajouter(self, code: str, exemple: Exemple | None = None, message: str | None = None):
        k = (code, exemple.colonne if exemple else None)
        p = self.problemes.get(k)
        if p is None:
            self.problemes[k] = Probleme(code, 1, [exemple] if exemple else [], message)
        else:
            p.nombre += 1
            if exemple and len(p.exemples) < 10:
                p.exemples.append(exemple)

    def __bool__(self):
        return bool(self.problemes)


# ---------------------------------------------------------------------------------------------------
# What the file is


def _nature(chemin: Path, nom: str) -> str:
    """'xlsx' or 'csv'; refuses what is neither."""
    taille = chemin.stat().st_size
    if taille == 0:
        raise refus(nom, "fichier_vide", "le fichier fait 0 octet")
    with open(chemin, "rb") as f:
        debut = f.read(8192)
    if debut.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(chemin) as z:
                noms = set(z.namelist())
                if "xl/workbook.xml" in noms:
                    return "xlsx"
                if "mimetype" in noms and z.getinfo("mimetype").file_size < 1024 \
                        and b"opendocument" in z.read("mimetype"):
                    raise refus(nom, "format_tableur", "c'est un classeur OpenDocument (.ods) : "
                                "enregistrez-le en .xlsx ou en CSV")
        except zipfile.BadZipFile:
            raise refus(nom, "binaire", "archive ZIP illisible (fichier XLSX abîmé ?)") from None
        raise refus(nom, "binaire", "c'est une archive ZIP, pas un classeur XLSX")
    for signature, code, message in _SIGNATURES:
        if debut.startswith(signature):
            raise refus(nom, code, message)
    if b"\x00" in debut:
        paires = debut[1::2] if debut[0:1] != b"\x00" else debut[0::2]
        if paires.count(0) > len(paires) * 0.8:
            raise refus(nom, "encodage", "le texte semble en UTF-16 sans BOM : enregistrez en « CSV UTF-8 »")
        raise refus(nom, "binaire", f"octet nul à la position {debut.index(0) + 1} : ce n'est pas un fichier texte")
    return "csv"


def detecter_encodage(chemin: Path, nom: str) -> tuple[str, bool]:
    """(Python codec of a text file, whether the file stops in the middle of its last character).
    UTF-8 (strict, BOM noted) first, Windows-1252 otherwise, never a guess beyond that. The whole file is
    decoded (streamed) so that a bad byte far down is not missed, nor a control character (a NUL, an
    escape sequence) anywhere in it: the file is refused, never read with the character silently dropped.
    A file that starts as valid UTF-8 with accents and then breaks is refused, not read as Windows-1252: that
    would turn every « é » into « Ã© » without a word. A file whose only fault is to end on the first bytes of
    a UTF-8 character (an « é » cut in two) is UTF-8 cut short: its last line is reported as truncated, not its
    encoding."""
    with open(chemin, "rb") as f:
        bom = f.read(3) == codecs.BOM_UTF8
    echec, texte_utf8, controle = _premier_octet_invalide(chemin, "utf-8")
    if echec is None or echec.fin:
        _refuser_controle(nom, controle)
        return ("utf-8-sig" if bom else "utf-8"), echec is not None
    if texte_utf8:
        raise refus(nom, "encodage", f"le fichier est en UTF-8, mais l'octet 0x{echec.octet:02X} de cette ligne "
                    "n'en est pas (fichier abîmé, ou assemblé à partir de fichiers d'encodages différents) ; "
                    "enregistrez-le de nouveau en « CSV UTF-8 »", ligne=echec.ligne, montrer_valeur=False)
    echec, _, controle = _premier_octet_invalide(chemin, "cp1252")
    if echec is None:
        _refuser_controle(nom, controle)
        return "cp1252", False
    raise refus(nom, "encodage", f"l'octet 0x{echec.octet:02X} de cette ligne n'est ni de l'UTF-8 ni du "
                "Windows-1252 ; enregistrez le fichier en « CSV UTF-8 »", ligne=echec.ligne, montrer_valeur=False)


def _refuser_controle(nom: str, controle: tuple[int, int] | None) -> None:
    """Refuses a text file holding a control character (its first one: line and code)."""
    if controle is None:
        return
    ligne, code = controle
    if code == 0:
        raise refus(nom, "binaire", "octet nul sur cette ligne : ce n'est pas un fichier texte", ligne=ligne,
                    montrer_valeur=False)
    raise refus(nom, "binaire", f"caractère de contrôle 0x{code:02X} sur cette ligne : ce n'est pas un fichier "
                "texte", ligne=ligne, montrer_valeur=False)


_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _premier_octet_invalide(chemin: Path, codec: str) -> tuple[_Octet | None, bool, tuple[int, int] | None]:
    """(first byte the codec cannot decode, or None ; whether decoded non-ASCII text came before it ;
    (line, code) of the first control character decoded before it, or None)."""
    decodeur = codecs.getincrementaldecoder(codec)()
    lignes, position, non_ascii, controle = 1, 0, False, None
    with open(chemin, "rb") as f:
        while bloc := f.read(1 << 20):
            en_attente = decodeur.getstate()[0]   # bytes of a character cut by the previous block
            try:
                texte = decodeur.decode(bloc)
            except UnicodeDecodeError as exc:
                donnees = en_attente + bloc
                avant = donnees[:exc.start]
                non_ascii = non_ascii or _NON_ASCII.search(avant) is not None
                ligne = lignes - en_attente.count(b"\n") + avant.count(b"\n")
                return _Octet(position - len(en_attente) + exc.start, ligne, donnees[exc.start]), non_ascii, controle
            if controle is None and (m := _CONTROLE.search(texte)):
                controle = (lignes + texte.count("\n", 0, m.start()), ord(m.group()))
            non_ascii = non_ascii or _NON_ASCII.search(bloc) is not None
            position += len(bloc)
            lignes += bloc.count(b"\n")
        reste = decodeur.getstate()[0]
        if reste:   # the file ends in the middle of a character: what came before it is valid
            return _Octet(position - len(reste), lignes, reste[0], fin=True), non_ascii, controle
    return None, non_ascii, controle


class _Octet(Exception):
    def __init__(self, position: int, ligne: int, octet: int, fin: bool = False):
        self.position, self.ligne, self.octet = position, ligne, octet
        self.fin = fin     # the first bytes of a character the file ends before completing


# The replacement character a cut last character is decoded as (only ever at the very end of a file).
CARACTERE_COUPE = "\ufffd"


def _erreurs(coupe: bool) -> str:
    """How to decode a file: strictly, except the cut last character of a file cut short (already found to
    be the only undecodable bytes), which becomes CARACTERE_COUPE."""
    return "replace" if coupe else "strict"


def _echantillon(chemin: Path, codec: str, coupe: bool = False, taille: int = 65536) -> str:
    with open(chemin, encoding=codec, errors=_erreurs(coupe), newline="") as f:
        return f.read(taille)


def detecter_separateur(texte: str, nom: str) -> tuple[str, bool]:
    """(separator, whether the first line is Excel's 'sep=X' hint). Among ';' and ',', the one that cuts
    the header into the most cells and the first lines into as many."""
    lignes = texte.splitlines()[:60]
    if len(texte) >= 65536 and len(lignes) > 1:
        lignes = lignes[:-1]    # the sample may end in the middle of a line
    lignes = [lg for lg in lignes if lg.strip()]
    if not lignes:
        raise refus(nom, "fichier_vide", "le fichier ne contient que des lignes vides")
    if m := _SEP_EXCEL.match(lignes[0].strip()):
        return m.group(1), True
    meilleur = None
    for sep in SEPARATEURS:
        try:
            lus = list(csv.reader(lignes, delimiter=sep))
        except csv.Error:
            continue
        n = len(lus[0])
        if n < 2:
            continue
        accord = sum(len(r) == n for r in lus) / len(lus)
        score = (accord >= 0.9, accord, n)
        if meilleur is None or score > meilleur[0]:
            meilleur = (score, sep)
    if meilleur is None:
        entete = lignes[0]
        for sep in SEPARATEURS:
            suite = list(csv.reader(lignes[1:], delimiter=sep)) if len(lignes) > 1 else []
            if suite and len(suite[0]) > 1 and sum(len(r) == len(suite[0]) for r in suite) >= 0.9 * len(suite):
                raise refus(nom, "entete_absente", "la première ligne n'a qu'une cellule alors que les suivantes "
                            f"en ont {len(suite[0])} : supprimez les lignes au-dessus des titres de colonnes",
                            ligne=1, valeur=entete)
        if "\t" in entete:
            raise refus(nom, "separateur", "les colonnes sont séparées par des tabulations : enregistrez en "
                        "CSV (séparateur « ; ») depuis Excel", ligne=1, valeur=entete, montrer_valeur=True)
        raise refus(nom, "separateur", "une seule colonne lue : les colonnes doivent être séparées par "
                    "« ; » ou « , »", ligne=1, valeur=entete)
    return meilleur[1], False


# ---------------------------------------------------------------------------------------------------
# Header


@dataclass
class Entete:
    table: str
    indices: dict[str, int]        # model column -> index of the cell in the file
    colonnes: dict[str, str]       # model column -> « header » (letter)
    ignorees: list[str]
    absentes_permises: list[str]   # model columns absent but derivable or optional
    titres: list[str]              # every header cell, titled or not

    @property
    def largeur_utile(self) -> int:
        """Cells a row must have: up to the last titled column (Excel may add untitled empty ones)."""
        return max(i for i, t in enumerate(self.titres) if t and t.strip()) + 1


def _etiquette(entete: str, index: int) -> str:
    return f"« {court(entete.strip())} » ({lettre_colonne(index)})"


def associer_entete(nom: str, cellules: list[str], table_demandee: str | None, annee: int | None,
                    ligne: int) -> Entete:
    """Maps the header cells to the model's columns and decides which table the file holds."""
    trouvees, ignorees = _titres_reconnus(nom, cellules, ligne)
    table = table_demandee or _deviner_table(nom, trouvees, cellules, ligne)
    lues = colonnes_lues(table)
    for c in [c for c in trouvees if c not in lues]:
        i = trouvees.pop(c)
        ignorees.append(f"{_etiquette(cellules[i], i)} (colonne de {_tables_de_colonne(c)}, pas de {table})")
    manquantes = [c for c in lues if c not in trouvees and not _absence_permise(table, c, trouvees, annee)]
    if manquantes:
        _refuser_manquantes(nom, table, manquantes, ignorees, ligne)
    permises = [c for c in lues if c not in trouvees]
    colonnes = {c: _etiquette(cellules[i], i) for c, i in trouvees.items()}
    return Entete(table, trouvees, colonnes, ignorees, permises, list(cellules))


def _titres_reconnus(nom: str, cellules: list[str], ligne: int) -> tuple[dict[str, int], list[str]]:
    """(model column -> index of its cell, labels of the titled cells no model column has); refuses two titles
    for one column."""
    trouvees: dict[str, int] = {}
    ignorees: list[str] = []
    doubles = _Collecteur()
    for i, texte in enumerate(cellules):
        if not texte or not texte.strip():
            continue    # untitled column (a trailing separator of Excel): nothing to read there
        nom_modele = colonne_du_modele(texte)
        if nom_modele is None:
            ignorees.append(_etiquette(texte, i))
        elif nom_modele in trouvees:
            j = trouvees[nom_modele]
            doubles.ajouter("colonne_en_double", Exemple(ligne, _etiquette(texte, i), None,
                            f"une seule colonne pour « {nom_modele} »",
                            f"déjà lue dans la colonne {_etiquette(cellules[j], j)}", montrer_valeur=False))
        else:
            trouvees[nom_modele] = i
    if doubles:
        raise FichierRefuse(nom, list(doubles.problemes.values()))
    return trouvees, ignorees


def _absence_permise(table: str, colonne: str, trouvees: dict[str, int], annee: int | None) -> bool:
    """A column the file may leave out: the year given by --annee, a column derived from another one present,
    a column the model allows empty."""
    if colonne == "annee" and annee is not None:
        return True
    if colonne in DERIVABLES and DERIVABLES[colonne] in trouvees:
        return True
    return not modele.TABLES[table].colonne(colonne).obligatoire


def _refuser_manquantes(nom: str, table: str, manquantes: list[str], ignorees: list[str], ligne: int):
    collecte = _Collecteur()
    for c in manquantes:
        noms = ", ".join(f"« {s} »" for s in (c, *SYNONYMES_COLONNES.get(c, ())))
        attendu = f"une colonne titrée {noms}"
        if c == "annee":
            attendu += ", ou l'option --annee"
        if c in DERIVABLES:
            attendu += f", ou la colonne « {DERIVABLES[c]} » dont elle se déduit"
        collecte.ajouter("colonne_manquante", Exemple(ligne, f"« {c} »", None, attendu, montrer_valeur=False))
    problemes = list(collecte.problemes.values())
    if ignorees:
        problemes[0].message = "colonnes lues mais non reconnues : " + liste_bornee(ignorees)
    raise FichierRefuse(nom, problemes, f"table {table}")


def _tables_de_colonne(colonne: str) -> str:
    return ", ".join(t for t, d in modele.TABLES.items() if colonne in d.noms)


def _deviner_table(nom: str, trouvees: dict[str, int], cellules: list[str], ligne: int) -> str:
    remplies = [c for c in cellules if c and c.strip()]
    if len(remplies) == 1 and not trouvees:
        raise refus(nom, "entete_absente", "la première ligne non vide n'a qu'une cellule : ce n'est pas la ligne "
                    "des titres de colonnes ; supprimez les lignes au-dessus", ligne=ligne, valeur=remplies[0])
    scores = {t: len(colonnes_distinctives(t) & trouvees.keys()) for t in modele.TABLES}
    meilleur = max(scores.values())
    gagnantes = [t for t, s in scores.items() if s == meilleur]
    if meilleur == 0 or len(gagnantes) > 1:
        titres = court(" ; ".join(c.strip()[:200] for c in cellules[:50] if c and c.strip()), 200)
        raise refus(nom, "table_inconnue",
                    "titres lus : " + (titres or "(aucun)") + ". Tables possibles : "
                    + ", ".join(modele.TABLES) + " (option --table)", ligne=ligne, montrer_valeur=False)
    return gagnantes[0]


# ---------------------------------------------------------------------------------------------------
# Rows


def _est_total(cellules: list[str]) -> bool:
    premiere = next((c for c in cellules if c and c.strip()), "")
    return cle(premiere) in MOTS_TOTAL


_ENTIER = re.compile(r"^\d+$")

ENTETE_REPETEE = "la ligne des titres est répétée (fichiers collés ?) — supprimez-la"
ENTETE_REPETEE_AUTRE_ORDRE = ("la ligne des titres est répétée, avec les colonnes dans un autre ordre (fichiers "
                              "collés ?) — supprimez-la, et remettez les colonnes des lignes qui la suivent dans "
                              "l'ordre de la ligne des titres")


def _rapide(texte: str) -> str:
    """A cheap approximation of cle(), for a first look at every row of a million. The BOM goes too: files
    joined end to end (`copy /b`, `cat`) carry each their own at the start of their header."""
    return texte.strip().lstrip("\ufeff").casefold().replace("_", " ").replace("-", " ")


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c))


def detecteur_entete_repetee(titres: list[str]):
    """A function telling whether a row is the header again (files pasted one under the other, each with its
    header): None, ENTETE_REPETEE, or ENTETE_REPETEE_AUTRE_ORDRE when its titles are in another order.
    A row is a header when at least half of the titled columns (and two) hold a column title, the file's
    own or any spelling the import knows; a data row never does. Only rows whose first titled cell looks
    like a title are looked at closely, so the cost on a million rows stays a set lookup per row."""
    titrees = [(i, t) for i, t in enumerate(titres) if t and t.strip()]
    premier = titrees[0][0]
    formes = {t for _, t in titrees} | set(formes_des_titres())
    rapides = {_rapide(f) for f in formes} | {_rapide(_sans_accents(f)) for f in formes}
    cles_titres = {i: cle(t) for i, t in titrees}
    colonnes_titres = {i: colonne_du_modele(t) for i, t in titrees}
    connues = set(cles_titres.values())
    seuil = min(len(titrees), max(2, (len(titrees) + 1) // 2))

    def detecter(cellules: list[str]) -> str | None:
        if premier >= len(cellules) or _rapide(cellules[premier]) not in rapides:
            return None
        meme_place = ailleurs = 0
        for i, _ in titrees:
            if i >= len(cellules) or not cellules[i].strip():
                continue
            k, colonne = cle(cellules[i]), colonne_du_modele(cellules[i])
            if k == cles_titres[i] or (colonne is not None and colonne == colonnes_titres[i]):
                meme_place += 1
            elif k in connues or colonne is not None:
                ailleurs += 1
        if meme_place + ailleurs < seuil:
            return None
        return ENTETE_REPETEE if ailleurs == 0 else ENTETE_REPETEE_AUTRE_ORDRE

    return detecter


def _ecrire(lignes: Iterator[tuple[int, list[str]]], entete: Entete, staging: Path, collecte: _Collecteur,
            fin_propre: bool | None, coupe: bool = False) -> tuple[int, tuple[int, list[str]] | None]:
    """Writes the data rows into the staging CSV; returns (rows read, last row if it is a total line).
    Rows keep being checked after a problem (to count them all), but are no longer written.
    `fin_propre`: whether a CSV file ends with a line break (None for a workbook, where rows are not cut);
    `coupe`: whether the file stops in the middle of its last character (its last cell ends with
    CARACTERE_COUPE), which makes its last row truncated whatever its number of cells."""
    staging.parent.mkdir(parents=True, exist_ok=True)
    with open(staging, "w", encoding="utf-8", newline="") as sortie:
        ecriture = _Ecriture(entete, collecte, csv.writer(sortie, lineterminator="\n"), fin_propre, coupe)
        precedente = None
        for ligne, cellules in lignes:
            if not "".join(cellules).strip():
                continue    # an empty row (Excel leaves some at the end): nothing to read
            if precedente is not None:
                ecriture.garder(*precedente, finale=False)
            precedente = (ligne, cellules)
        total = None
        if precedente is not None:
            if _est_total(precedente[1]) and not coupe:
                total = precedente
            else:
                ecriture.garder(*precedente, finale=True)
    return ecriture.nb, total


class _Ecriture:
    """Each data row checked for its shape (cells as the header, none too long, no control character in a
    workbook's cell), then its model columns written to the staging CSV."""

    def __init__(self, entete: Entete, collecte: _Collecteur, ecrivain, fin_propre: bool | None, coupe: bool):
        self.entete, self.collecte, self.ecrivain = entete, collecte, ecrivain
        self.fin_propre, self.coupe = fin_propre, coupe
        self.entete_repetee = detecteur_entete_repetee(entete.titres)
        colonnes = list(entete.indices)
        self.indices = [entete.indices[c] for c in colonnes]
        self.minimum, self.largeur = entete.largeur_utile, len(entete.titres)
        # Every titled column is within `minimum` cells, which every written row has.
        indices = self.indices
        self.choisir = operator.itemgetter(*indices) if len(indices) > 1 else (lambda r: (r[indices[0]],))
        # A text file with a control character anywhere is refused whole (detecter_encodage); in a workbook,
        # the cells read are checked one by one (a cell's text is not the file's bytes).
        self.classeur = fin_propre is None
        self.nb = 0
        ecrivain.writerow(["_ligne", *colonnes])

    def _etiquette(self, i: int) -> str:
        titre = self.entete.titres[i] if i < self.largeur else ""
        return _etiquette(titre, i) if titre.strip() else lettre_colonne(i)

    def garder(self, ligne: int, cellules: list[str], finale: bool) -> None:
        self.nb += 1
        if finale and self.coupe:
            self._coupee(ligne, cellules)
            return
        if constat := self.entete_repetee(cellules):
            self.collecte.ajouter("entete_repetee", Exemple(ligne, montrer_valeur=False, constat=constat))
            return
        if len(cellules) != self.largeur:     # as wide as the header: nothing to check (most rows)
            cellules = self._forme(ligne, cellules, finale)
            if cellules is None:
                return
        lues = self._contenu(ligne, cellules)
        if lues is not None and not self.collecte:
            self.ecrivain.writerow((ligne, *lues))

    def _forme(self, ligne: int, cellules: list[str], finale: bool) -> list[str] | None:
        """The row's cells if it has as many as the header (a sheet row's missing end is empty), else None."""
        minimum, largeur = self.minimum, self.largeur
        if len(cellules) < minimum and self.fin_propre is None:
            cellules = cellules + [""] * (minimum - len(cellules))
        if len(cellules) < minimum:
            code = "ligne_tronquee" if finale and not self.fin_propre else "nombre_de_cellules"
            self.collecte.ajouter(code, Exemple(
                ligne, None, None, f"{minimum} cellules, comme la ligne des titres",
                f"{len(cellules)} cellule{'s' if len(cellules) > 1 else ''} seulement", montrer_valeur=False))
            return None
        if len(cellules) > largeur and any(c.strip() for c in cellules[largeur:]):
            en_trop = next(c for c in cellules[largeur:] if c.strip())
            self.collecte.ajouter("nombre_de_cellules", Exemple(
                ligne, None, en_trop, f"{largeur} cellules, comme la ligne des titres",
                f"{len(cellules)} cellules, valeur sans titre de colonne"))
            return None
        return cellules

    def _contenu(self, ligne: int, cellules: list[str]) -> tuple | None:
        """The model columns' cells, or None when a cell is too long or (workbook) holds a control character."""
        if max(map(len, cellules)) > LONGUEUR_MAX_CELLULE:
            i = next(i for i, c in enumerate(cellules) if len(c) > LONGUEUR_MAX_CELLULE)
            self.collecte.ajouter("cellule_trop_longue", Exemple(
                ligne, self._etiquette(i), cellules[i], f"au plus {formats.nombre(LONGUEUR_MAX_CELLULE)} caractères"))
            return None
        lues = self.choisir(cellules)
        if self.classeur and (m := _CONTROLE.search("".join(lues))):
            i = next(i for i in self.indices if _CONTROLE.search(cellules[i]))
            self.collecte.ajouter("caractere_controle", Exemple(
                ligne, self._etiquette(i), cellules[i], "une valeur sans caractère de contrôle",
                f"caractère 0x{ord(m.group()):02X}"))
            return None
        return lues

    def _coupee(self, ligne: int, cellules: list[str]) -> None:
        i = max((i for i, c in enumerate(cellules) if c.strip()), default=0)
        debut = cellules[i].replace(CARACTERE_COUPE, "") if cellules else ""
        precision = "le fichier s'arrête au milieu d'un caractère accentué"
        if len(cellules) < self.minimum:
            precision += f" ; {len(cellules)} cellule{'s' if len(cellules) > 1 else ''} seulement"
        self.collecte.ajouter("ligne_tronquee", Exemple(
            ligne, self._etiquette(i), debut, f"{self.minimum} cellules entières, comme la ligne des titres",
            precision))


def _lignes_csv(chemin: Path, codec: str, sep: str, saute_sep: bool, nom: str,
                collecte: _Collecteur, fin_propre: bool, coupe: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(line as Excel shows it, cells) for every record; a parser error becomes a problem, and the end."""
    decalage = -1 if saute_sep else 0
    with open(chemin, encoding=codec, errors=_erreurs(coupe), newline="") as f:
        lecteur = csv.reader(f, delimiter=sep, strict=True)
        numero = 0
        try:
            for numero, cellules in enumerate(lecteur, start=1):
                if saute_sep and numero == 1:
                    continue
                yield numero + decalage, cellules
        except csv.Error as exc:
            ligne = numero + 1 + decalage
            texte = str(exc)
            if "field larger" in texte:
                collecte.ajouter("cellule_trop_longue", Exemple(
                    ligne, None, None, f"au plus {formats.nombre(LONGUEUR_MAX_CELLULE)} caractères",
                    "cellule de plus de 16 Mo (guillemet non fermé ?)", montrer_valeur=False))
            elif "NUL" in texte:
                collecte.ajouter("binaire", Exemple(ligne, None, None, None,
                                 "caractère nul : ce n'est pas du texte", montrer_valeur=False))
            elif "unexpected end of data" in texte or "EOF" in texte:
                code = "guillemets" if fin_propre else "ligne_tronquee"
                collecte.ajouter(code, Exemple(ligne, None, None, "un guillemet fermant",
                                 "le fichier se termine au milieu d'une cellule entre guillemets",
                                 montrer_valeur=False))
            else:
                # The parser's own words are English ("',' expected after '\"'"): said in French instead.
                collecte.ajouter("guillemets", Exemple(ligne, None, None, "des guillemets doublés dans une "
                                 "cellule entre guillemets", "un guillemet ferme une cellule et d'autres caractères "
                                 "le suivent avant le séparateur", montrer_valeur=False))


def _cellule_xlsx(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "Oui" if valeur else "Non"
    if isinstance(valeur, dt.datetime):
        return valeur.date().isoformat() if valeur.time() == dt.time(0) else valeur.isoformat(sep=" ")
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    if isinstance(valeur, float):
        return str(int(valeur)) if valeur.is_integer() else repr(valeur)
    return str(valeur)


def _premiere_ligne(lignes: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    for ligne, cellules in lignes:
        if any(c.strip() for c in cellules):
            return ligne, cellules
    return None


def _lire_lignes(nom: str, forme: str, chemin: Path, lignes: Iterator[tuple[int, list[str]]],
                 collecte: _Collecteur, table_demandee: str | None, annee: int | None, staging_dir: Path,
                 fin_propre: bool | None, encodage: str | None = None, coupe: bool = False) -> Lecture:
    premiere = _premiere_ligne(lignes)
    if collecte:
        raise FichierRefuse(nom, list(collecte.problemes.values()), forme)
    if premiere is None:
        raise refus(nom, "fichier_vide", "aucune ligne non vide", forme)
    ligne_entete, cellules = premiere
    if len(cellules) > COLONNES_MAX:
        raise refus(nom, "limite", f"la ligne des titres compte {formats.nombre(len(cellules))} cellules (au plus "
                    f"{formats.nombre(COLONNES_MAX)} colonnes, comme Excel) : ce n'est pas un export", forme,
                    ligne=ligne_entete, montrer_valeur=False)
    try:
        entete = associer_entete(nom, cellules, table_demandee, annee, ligne_entete)
    except FichierRefuse as refus_entete:
        refus_entete.contexte = ", ".join(filter(None, (forme, refus_entete.contexte)))
        raise
    staging_dir.mkdir(parents=True, exist_ok=True)
    fd, nom_staging = tempfile.mkstemp(dir=staging_dir, prefix=f"{entete.table}-", suffix=".csv")
    os.close(fd)
    staging = Path(nom_staging)
    nb, total = _ecrire(lignes, entete, staging, collecte, fin_propre, coupe)
    contexte = f"{forme}, table {entete.table}"
    if collecte:
        raise FichierRefuse(nom, list(collecte.problemes.values()), contexte)
    if nb == 0:
        raise refus(nom, "entete_seule", "seule la ligne des titres (ligne "
                    f"{ligne_entete}) est remplie", contexte)
    lecture = Lecture(chemin, nom, forme, entete.table, entete.colonnes, staging, nb, encodage=encodage)
    if total is not None:
        lecture.ligne_total = total[0]
        lecture.total_cellules = {c: total[1][i] for c, i in entete.indices.items() if i < len(total[1])}
        lecture.total_nombre = next((c.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
                                     for c in total[1][1:] if _ENTIER.match(
                                         c.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))),
                                    None)
    if entete.ignorees:
        lecture.avertissements.append("colonnes ignorées (non reconnues, jamais copiées) : "
                                      + liste_bornee(entete.ignorees))
    for c in entete.absentes_permises:
        if c in DERIVABLES:
            lecture.avertissements.append(f"colonne « {c} » absente : déduite de « {DERIVABLES[c]} »")
        elif c == "annee":
            lecture.avertissements.append(f"colonne « annee » absente : l'année {annee} (--annee) est appliquée")
        else:
            lecture.avertissements.append(f"colonne « {c} » absente : laissée vide (le modèle le permet)")
    return lecture


# ---------------------------------------------------------------------------------------------------
# Entry point


def lire(chemin: Path, staging_dir: Path, table_demandee: str | None = None,
         annee: int | None = None) -> list[Lecture]:
    """Reads a file into staging CSVs (one per table found); raises FichierRefuse with every problem."""
    chemin = Path(chemin)
    nom = echapper(chemin.name or str(chemin))
    if not chemin.exists():
        raise refus(nom, "introuvable", f"aucun fichier à l'emplacement {echapper(str(chemin))}")
    if chemin.is_dir():
        raise refus(nom, "dossier", f"« {echapper(str(chemin))} » est un dossier, pas un fichier : donnez les "
                    f"fichiers qu'il contient (par exemple {echapper(str(chemin / '*.csv'))})")
    try:
        with open(chemin, "rb") as f:
            f.read(1)
    except OSError as exc:
        raise refus(nom, "illisible", f"le système refuse de le lire ({_raison(exc)})") from None
    if _nature(chemin, nom) == "xlsx":
        return _lire_xlsx(chemin, nom, staging_dir, table_demandee, annee)
    return [_lire_csv(chemin, nom, staging_dir, table_demandee, annee)]


def _raison(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "droits d'accès insuffisants"
    return f"erreur du système {errno.errorcode.get(exc.errno, exc.errno)}"


def _lire_csv(chemin: Path, nom: str, staging_dir: Path, table_demandee: str | None, annee: int | None) -> Lecture:
    codec, coupe = detecter_encodage(chemin, nom)
    echantillon = _echantillon(chemin, codec, coupe)
    if _HTML.match(echantillon.lstrip("\ufeff")):
        raise refus(nom, "html", "le fichier commence par « " + echapper(echantillon.lstrip()[:40].replace("\n", " "))
                    + " » : c'est une page web")
    sep, saute_sep = detecter_separateur(echantillon, nom)
    with open(chemin, "rb") as f:
        f.seek(-1, 2)
        fin_propre = f.read(1) in (b"\n", b"\r")
    forme = f"CSV {ENCODAGES[codec]}, séparateur {NOMS_SEPARATEURS[sep]}"
    collecte = _Collecteur()
    lignes = _lignes_csv(chemin, codec, sep, saute_sep, nom, collecte, fin_propre, coupe)
    lecture = _lire_lignes(nom, forme, chemin, lignes, collecte, table_demandee, annee, staging_dir,
                           fin_propre, ENCODAGES[codec], coupe)
    if codec == "cp1252":
        lecture.avertissements.insert(0, "fichier en Windows-1252 (pas en UTF-8) : vérifiez les accents "
                                      "des valeurs ci-dessus dans l'application après l'import")
    return lecture


def _feuille_non_vide(ws) -> bool:
    for ligne in ws.iter_rows(min_row=1, max_row=50, values_only=True):
        if any(v is not None and str(v).strip() for v in ligne):
            return True
    return False


_MO = 1 << 20
# What a workbook may hold, checked on its archive's directory before any part is read (docs/IMPORT.md,
# « Volumes »). The size of each part once uncompressed is the size its archive declares, which is also all
# that can be read of it: a part that inflates to hundreds of megabytes is refused, never inflated.
# Sheets are read row by row (their size costs time: about 3 MB of XML a second); the shared strings are
# loaded whole (their size costs memory, and about 2 s a megabyte). Both bounds keep any workbook under 30 s.
TAILLE_MAX_FEUILLES = 80 * _MO       # all the sheets together
TAILLE_MAX_CHAINES = 16 * _MO
TAILLE_MAX_PARTIE = 16 * _MO          # every other XML part: workbook, styles, relations…
PARTIES_MAX = 10_000
LIGNES_MAX_XLSX = 100_000
COLONNES_MAX = 16_384                 # Excel's own limit, for workbooks and CSV files alike
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d{1,10})(?::\$?([A-Z]{1,3})\$?(\d{1,10}))?"')


def _taille(octets: int) -> str:
    return f"{formats.nombre(octets / _MO, 0 if octets >= 10 * _MO else 1)} Mo"


def _limite_partie(nom_partie: str) -> int | None:
    if _FEUILLE.fullmatch(nom_partie):
        return TAILLE_MAX_FEUILLES
    if nom_partie == "xl/sharedStrings.xml":
        return TAILLE_MAX_CHAINES
    if nom_partie.endswith((".xml", ".rels", ".vml")):
        return TAILLE_MAX_PARTIE
    return None                       # pictures, printer settings…: never read


_FEUILLE = re.compile(r"xl/worksheets/[^/]+\.xml")


def verifier_limites_xlsx(chemin: Path, nom: str) -> None:
    """Refuses a workbook whose parts, rows or columns exceed the limits, before reading any of it."""
    with zipfile.ZipFile(chemin) as z:
        parties = z.infolist()
        if len(parties) > PARTIES_MAX:
            raise refus(nom, "limite", f"le classeur compte {formats.nombre(len(parties))} parties (au plus "
                        f"{formats.nombre(PARTIES_MAX)}) : classeur abîmé ou fabriqué")
        for partie in parties:
            limite = _limite_partie(partie.filename)
            if limite is not None and partie.file_size > limite:
                _refuser_taille(nom, f"la partie « {court(partie.filename)} »", partie.file_size, limite)
        feuilles = [p for p in parties if _FEUILLE.fullmatch(p.filename)]
        total = sum(p.file_size for p in feuilles)
        if total > TAILLE_MAX_FEUILLES:
            _refuser_taille(nom, "l'ensemble des feuilles", total, TAILLE_MAX_FEUILLES)
        for partie in feuilles + [p for p in parties if p.filename == "xl/sharedStrings.xml"]:
            _verifier_textes(z, partie, nom)
        for partie in feuilles:
            _verifier_dimension(z, partie, nom)


def _refuser_taille(nom: str, quoi: str, taille: int, limite: int):
    raise refus(nom, "limite", f"{quoi} du classeur fait {_taille(taille)} une fois décompressée (au plus "
                f"{_taille(limite)}) : classeur abîmé ou fabriqué, ou trop grand pour un classeur ; "
                "enregistrez-le en CSV")


def _verifier_dimension(z: zipfile.ZipFile, partie: zipfile.ZipInfo, nom: str) -> None:
    """The rows and columns a sheet declares (<dimension ref="A1:N50688"/>, near its start)."""
    from openpyxl.utils.cell import column_index_from_string

    with z.open(partie) as f:
        m = _DIMENSION.search(f.read(65_536))
    if m and m.group(3):
        lignes, colonnes = int(m.group(4)), column_index_from_string(m.group(3).decode())
        _limiter_lignes(nom, lignes, "déclare")
        if colonnes > COLONNES_MAX:
            raise refus(nom, "limite", f"une feuille déclare {formats.nombre(colonnes)} colonnes (au plus "
                        f"{formats.nombre(COLONNES_MAX)}, comme Excel) : classeur abîmé ou fabriqué")


# The longest text a part may hold between two tags: beyond any cell Excel can hold (32 767 characters, up to
# 6 bytes each once escaped). A parser builds such a text whole, at many times its size in memory.
TEXTE_MAX = 256 * 1024


def _verifier_textes(z: zipfile.ZipFile, partie: zipfile.ZipInfo, nom: str) -> None:
    """Refuses a part holding a text longer than TEXTE_MAX, found in one streamed pass (blocks of 1 MB, the run
    of text at the end of a block carried to the next; split, not a regular expression, to stay linear)."""
    suite = 0           # length of the text that ends the bytes read so far
    with z.open(partie) as f:
        while bloc := f.read(1 << 20):
            morceaux = bloc.split(b"<")
            suite += len(morceaux[0])
            if suite >= TEXTE_MAX or (len(morceaux) > 1 and max(map(len, morceaux[1:])) >= TEXTE_MAX):
                raise refus(nom, "limite", f"la partie « {court(partie.filename)} » du classeur contient un texte "
                            f"de plus de {formats.nombre(TEXTE_MAX // 1024)} Ko d'un seul tenant (une cellule "
                            "au-delà de la limite d'Excel, 32 767 caractères) : classeur abîmé ou fabriqué")
            if len(morceaux) > 1:
                suite = len(morceaux[-1])


def _limiter_lignes(nom: str, lignes: int, verbe: str = "compte") -> None:
    if lignes > LIGNES_MAX_XLSX:
        raise refus(nom, "limite", f"une feuille {verbe} plus de {formats.nombre(LIGNES_MAX_XLSX)} lignes "
                    f"({formats.nombre(lignes)}) : au-delà, un classeur est trop long à lire ; enregistrez-la en "
                    "CSV (« CSV UTF-8 »), qui n'a pas de limite")


def _lignes_xlsx(ws, nom: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a sheet. Until the header (its first non-empty row), rows are as wide as their last
    cell; after it, only the columns up to its last title are read: a row with one cell in column XFD is not
    16 384 cells to build. The rows are counted as they come: a sheet longer than it says stops at the limit."""
    numero, largeur = 0, 0
    debut = ws.iter_rows(values_only=True)
    try:
        for numero, valeurs in enumerate(debut, start=1):
            _limiter_lignes(nom, numero)
            cellules = [_cellule_xlsx(v) for v in valeurs]
            yield numero, cellules
            if any(c.strip() for c in cellules):
                largeur = max(i for i, c in enumerate(cellules) if c.strip()) + 1
                break
    finally:
        debut.close()
    if not largeur:
        return
    for numero, valeurs in enumerate(ws.iter_rows(min_row=numero + 1, max_col=largeur, values_only=True),
                                     start=numero + 1):
        _limiter_lignes(nom, numero)
        yield numero, [_cellule_xlsx(v) for v in valeurs]


def _lire_xlsx(chemin: Path, nom: str, staging_dir: Path, table_demandee: str | None,
               annee: int | None) -> list[Lecture]:
    import openpyxl

    verifier_limites_xlsx(chemin, nom)
    try:
        # data_only=False: a formula cell reads as its text ("=HYPERLINK(…)"), never as a computed value.
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise refus(nom, "binaire", "classeur XLSX illisible : ouvrez-le dans Excel et enregistrez-le de "
                    "nouveau") from None
    try:
        for ws in classeur.worksheets:
            # The dimension a file declares may be wrong (some generators write "A1"): read every row.
            ws.reset_dimensions()
        choix, ignorees, masquees = _choisir_feuilles(classeur, nom, table_demandee)
        lectures = []
        for ws, table in choix:
            nom_feuille = f"{nom} [feuille « {court(ws.title)} »]"
            lecture = _lire_lignes(nom_feuille, "XLSX", chemin, _lignes_xlsx(ws, nom_feuille), _Collecteur(), table,
                                   annee, staging_dir, None)
            if ignorees:
                lecture.avertissements.append("feuilles ignorées : " + _feuilles(ignorees))
            if masquees:
                lecture.avertissements.append("feuilles masquées, jamais lues : " + _feuilles(masquees))
            lectures.append(lecture)
        return lectures
    finally:
        classeur.close()


def _feuilles(titres: list[str], suffixe: str = "") -> str:
    return liste_bornee([f"« {court(t)} »{suffixe}" for t in titres])


def _choisir_feuilles(classeur, nom: str, table_demandee: str | None):
    """([(sheet, table)] to read, titles of the visible sheets left aside, titles of the hidden sheets).
    Only visible sheets are read: a hidden one (« masquée », or very hidden) is often an old copy or a list
    of values kept out of sight, never what the person exporting means to send."""
    remplies = [ws for ws in classeur.worksheets if _feuille_non_vide(ws)]
    feuilles = [ws for ws in remplies if ws.sheet_state == "visible"]
    masquees = [ws.title for ws in remplies if ws.sheet_state != "visible"]
    if not feuilles and masquees:
        raise refus(nom, "feuille_masquee", "les seules feuilles remplies sont masquées : "
                    + _feuilles(masquees, " (masquée)"))
    if not feuilles:
        raise refus(nom, "fichier_vide", "toutes les feuilles du classeur sont vides")
    nommees = [(ws, table_de_feuille(ws.title)) for ws in feuilles]
    choix = [(ws, t) for ws, t in nommees if t and (table_demandee is None or t == table_demandee)]
    if not choix and len(feuilles) == 1:
        choix = [(feuilles[0], table_demandee)]
    if not choix:
        visibles = _feuilles([ws.title for ws in feuilles])
        raise refus(nom, "feuilles", f"{len(feuilles)} feuilles visibles non vides ({visibles}) "
                    "et aucune ne porte le nom d'une table (" + ", ".join(modele.TABLES) + ")"
                    + (f" ; nommez « {table_demandee} » la feuille à importer" if table_demandee else "")
                    + ("" if not masquees else " ; non lues : " + _feuilles(masquees, " (masquée)")))
    lues = [ws for ws, _ in choix]
    return choix, [ws.title for ws in feuilles if ws not in lues], masquees
