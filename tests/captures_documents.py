"""`make screenshots`, second part: the first pages of every document the app writes, as the reader sees them,
in artifacts/screenshots/documents/ — the activity report (Typst PDF, and the DOCX printed by LibreOffice)
and the territory sheet, for the region and a Mission Locale. Needs LibreOffice and poppler-utils."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from observatoire import config
from observatoire.sorties import fiche, rapport, rapport_docx, rapport_pdf
from tests import bureautique

DOSSIER = config.ROOT / "artifacts" / "screenshots" / "documents"
PAGES = 3
TERRITOIRES = (config.REGION, "14-BSE")


def documents(dossier: Path) -> list[Path]:
    """Every document for each territory of TERRITOIRES, written in `dossier` (DOCX converted to PDF)."""
    ecrits = []
    for code in TERRITOIRES:
        r = rapport.contenu(config.ANNEE_RAPPORT, code)
        nom = code.lower()
        (dossier / f"rapport-{nom}.pdf").write_bytes(rapport_pdf.pdf(config.ANNEE_RAPPORT, rapport=r))
        docx = dossier / f"rapport-{nom}-word.docx"
        docx.write_bytes(rapport_docx.docx(config.ANNEE_RAPPORT, rapport=r))
        (dossier / f"fiche-{nom}.pdf").write_bytes(fiche.fiche(config.ANNEE_RAPPORT, code))
        ecrits += [dossier / f"rapport-{nom}.pdf", bureautique.en_pdf(docx), dossier / f"fiche-{nom}.pdf"]
    return ecrits


def main() -> int:
    if not bureautique.soffice():
        print("LibreOffice absent : apt-get install libreoffice-writer poppler-utils", file=sys.stderr)
        return 1
    DOSSIER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="captures-documents-") as tmp:
        for pdf in documents(Path(tmp)):
            for image in bureautique.pages_png(pdf, DOSSIER, resolution=80, derniere=PAGES):
                print(image.relative_to(config.ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
