"""Hostile and broken files, built on the fly: small on the disk (a few megabytes at most), each made to cost
far more than its size to a careless reader (memory, time, a flood of text, characters that drive the
terminal). Used by the tests of the import's limits (tests/test_ingest_limites.py) and by `make bench`
(bench/ingest.py), which measure the time and memory the import takes to refuse or read each of them.

Workbooks are written part by part (zipfile), not through a spreadsheet library: no library writes a
workbook that lies about its size, or whose shared strings inflate to hundreds of megabytes.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from observatoire.ingest.exemples import ENTETES, ecrire_csv, lignes
from observatoire.ingest.rapport import lettre_colonne

_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/xl/workbook.xml" '
          b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          b'<Override PartName="/xl/worksheets/sheet1.xml" '
          b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          b'<Override PartName="/xl/sharedStrings.xml" '
          b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          b'</Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_CLASSEUR = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             b'<sheets><sheet name="jeunes" sheetId="1" r:id="rId1"/></sheets></workbook>')
_RELS_CLASSEUR = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                  b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_ENTETE_FEUILLE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
_MO = 1 << 20


def _cellule(colonne: int, ligne: int, valeur: str) -> str:
    return f'<c r="{lettre_colonne(colonne)}{ligne}" t="inlineStr"><is><t>{escape(valeur)}</t></is></c>'


def _rangee(ligne: int, valeurs: list[str]) -> bytes:
    return (f'<row r="{ligne}">' + "".join(_cellule(j, ligne, v) for j, v in enumerate(valeurs) if v)
            + "</row>").encode()


def _valides(n: int) -> Iterator[bytes]:
    """A header and n valid rows of `jeunes`, as sheet rows (line 1 = header)."""
    yield _rangee(1, ENTETES["jeunes"])
    for i, r in enumerate(lignes("jeunes", n), start=2):
        yield _rangee(i, r)


def ecrire_xlsx_brut(chemin: Path, rangees: Iterable[bytes], dimension: str | None = None,
                     chaines: Callable[[zipfile.ZipFile], None] | None = None) -> Path:
    """A one-sheet workbook (sheet « jeunes ») from its rows' XML, streamed into the archive; `dimension` is
    the size the sheet declares (<dimension ref=…>), `chaines` writes its shared strings part."""
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _CLASSEUR)
        z.writestr("xl/_rels/workbook.xml.rels", _RELS_CLASSEUR)
        if chaines is None:
            z.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
                       b'uniqueCount="0"/>')
        else:
            chaines(z)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(_ENTETE_FEUILLE)
            if dimension:
                f.write(f'<dimension ref="{dimension}"/>'.encode())
            f.write(b"<sheetData>")
            tampon = []
            for r in rangees:
                tampon.append(r)
                if len(tampon) >= 10_000:
                    f.write(b"".join(tampon))
                    tampon = []
            f.write(b"".join(tampon) + b"</sheetData></worksheet>")
    return Path(chemin)


def xlsx_chaines_gonflees(chemin: Path, mo: int = 640) -> Path:
    """Ten valid rows, and a shared string of `mo` megabytes nobody uses: under 1 MB on the disk."""
    def chaines(z: zipfile.ZipFile) -> None:
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
            bloc = b"x" * _MO
            for _ in range(mo):
                f.write(bloc)
            f.write(b"</t></si></sst>")
    return ecrire_xlsx_brut(chemin, _valides(10), "A1:N11", chaines)


def xlsx_chaines_nombreuses(chemin: Path, mo: int = 15) -> Path:
    """Ten valid rows, and shared strings just under their limit, made of millions of short distinct strings
    (each one an object to build): the most memory the shared strings can take."""
    def chaines(z: zipfile.ZipFile) -> None:
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main">')
            taille, i = 0, 0
            while taille < mo * _MO:
                bloc = b"".join(b"<si><t>%d</t></si>" % n for n in range(i, i + 10_000))
                f.write(bloc)
                taille, i = taille + len(bloc), i + 10_000
            f.write(b"</sst>")
    return ecrire_xlsx_brut(chemin, _valides(10), "A1:N11", chaines)


def xlsx_cellule_geante(chemin: Path, mo: int = 60) -> Path:
    """Three valid rows, then one cell of `mo` megabytes written in the sheet itself (an inline string, not a
    shared one): under the sheet's size limit, yet a parser would build it whole."""
    rangees = [*_valides(3), b'<row r="5"><c r="O5" t="inlineStr"><is><t>' + b"x" * (mo * _MO) + b"</t></is></c></row>"]
    return ecrire_xlsx_brut(chemin, rangees, "A1:O5")


def _lignes_courtes(n: int) -> Iterator[bytes]:
    yield from _valides(3)
    ligne = b"<row><c><v>1</v></c></row>"     # without its number: the next row (allowed, and compresses best)
    for _ in range(n):
        yield ligne


def xlsx_lignes(chemin: Path, n: int = 3_000_000, dimension_vraie: bool = True) -> Path:
    """A header, three valid rows, then `n` rows of one cell: under 1 MB on the disk for 3 million rows. The
    sheet declares its true size, or (`dimension_vraie=False`) only « A1 », as some generators do."""
    return ecrire_xlsx_brut(chemin, _lignes_courtes(n), f"A1:N{n + 4}" if dimension_vraie else "A1")


def _lignes_larges(n: int) -> Iterator[bytes]:
    yield from _valides(3)
    ligne = b'<row><c><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
    for _ in range(n):
        yield ligne


def xlsx_lignes_larges(chemin: Path, n: int = 200_000, dimension: str | None = "A1") -> Path:
    """Rows of two cells, in the first and the last column Excel has (XFD, the 16 384th): a reader that builds
    every row as wide as its last cell builds 16 384 cells for each."""
    return ecrire_xlsx_brut(chemin, _lignes_larges(n), dimension)


def xlsx_numero_de_ligne_geant(chemin: Path) -> Path:
    """Three valid rows, then one row numbered 999 999 999: a reader that fills the gap with empty rows
    never ends."""
    rangees = [*_valides(3), b'<row r="999999999"><c r="A999999999"><v>1</v></c></row>']
    return ecrire_xlsx_brut(chemin, rangees, "A1")


def csv_colonnes_ignorees(chemin: Path, n: int = 50_000, lignes_donnees: int = 20) -> Path:
    """A valid `jeunes` file with `n` more columns, titled but unknown to the import (ignored)."""
    entetes = ENTETES["jeunes"] + [f"Colonne {i}" for i in range(n)]
    rangees = ([*r, *([""] * n)] for r in lignes("jeunes", lignes_donnees))
    return ecrire_csv(chemin, entetes, rangees)


def csv_caractere_tardif(chemin: Path, caractere: str = "\x00", lignes_donnees: int = 5_000,
                         ligne: int = 4_000) -> Path:
    """A valid `jeunes` file (about 400 KB) with one control character in a value at line `ligne`, far past
    the first 64 KB a reader may look at."""
    rangees = lignes("jeunes", lignes_donnees)
    rangees[ligne - 2][11] = "Autonome" + caractere
    return ecrire_csv(chemin, ENTETES["jeunes"], rangees)


# Clears the screen (CSI, the one-character form of « ESC [ » a terminal obeys too), then turns the rest of the
# line around (right-to-left override): characters an XML part may hold, unlike ESC itself.
SEQUENCE_TERMINAL = "\x9b2J\x9b31m\u202e"


def xlsx_titre_sequence_terminal(chemin: Path) -> Path:
    """A valid workbook with one more column whose title holds terminal control sequences (an ignored column,
    named in the report)."""
    titre = "Commentaire" + SEQUENCE_TERMINAL
    rangees = [_rangee(1, [*ENTETES["jeunes"], titre]),
               *(_rangee(i, r) for i, r in enumerate(lignes("jeunes", 5), start=2))]
    return ecrire_xlsx_brut(chemin, rangees, "A1:O6")
