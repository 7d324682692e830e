"""Opening the files the app writes in the real clients: LibreOffice (headless, French locale) converts DOCX,
XLSX and PPTX to PDF; poppler renders pages (pdftoppm), extracts text (pdftotext) and lists fonts (pdffonts).

Tests that need them call `exiger()`: skipped with a message on a developer's machine without the Debian
packages, a failure in CI (.ci/run installs them)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# One profile per test process: two LibreOffice processes sharing a profile (two worktrees, two test runs) lock
# or rewrite each other's settings, and a profile LibreOffice rewrote may have lost the French locale.
PROFIL = Path(tempfile.gettempdir()) / f"observatoire-lo-profil-{os.getpid()}"
# LibreOffice reads number formats and hyphenation from its profile's locale: French, as at the ARML.
_REGISTRE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def exiger(*outils: str) -> None:
    """Skips (or fails in CI) when LibreOffice or one of the poppler tools `outils` is missing."""
    manquants = [o for o in outils if not shutil.which(o)]
    if not soffice():
        manquants.append("soffice (libreoffice-writer, -calc, -impress)")
    if manquants:
        message = f"clients réels absents : {', '.join(manquants)} (apt-get install libreoffice poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _profil() -> str:
    registre = PROFIL / "user" / "registrymodifications.xcu"
    francais = '<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value>'
    if not registre.exists() or francais not in registre.read_text(encoding="utf-8").replace("\n", ""):
        shutil.rmtree(PROFIL, ignore_errors=True)
        registre.parent.mkdir(parents=True, exist_ok=True)
        registre.write_text(_REGISTRE, encoding="utf-8")
    return PROFIL.as_uri()


def en_pdf(fichier: Path, dossier: Path | None = None, filtre: str | None = None) -> Path:
    """`fichier` (DOCX, XLSX, PPTX, CSV…) converted to PDF by LibreOffice as a French user would print it.
    `filtre`: an import filter, e.g. 'CSV:59,34,76,1,,1036' (French Excel's CSV)."""
    fichier = Path(fichier)
    dossier = Path(dossier or fichier.parent)
    commande = [soffice(), f"-env:UserInstallation={_profil()}", "--headless", "--norestore"]
    if filtre:
        commande.append(f"--infilter={filtre}")
    commande += ["--convert-to", "pdf", "--outdir", str(dossier), str(fichier)]
    subprocess.run(commande, check=True, capture_output=True, timeout=240)
    pdf = dossier / (fichier.stem + ".pdf")
    if not pdf.exists():
        raise AssertionError(f"LibreOffice n'a pas converti {fichier.name}")
    return pdf


def texte(pdf: Path, mise_en_page: bool = True) -> str:
    options = ["-layout"] if mise_en_page else []
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def nombre_de_pages(pdf: Path) -> int:
    sortie = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(ligne.split()[-1] for ligne in sortie.splitlines() if ligne.startswith("Pages:")))


def polices(pdf: Path) -> list[str]:
    """The font names embedded or referenced in `pdf` (pdffonts), subset prefixes removed."""
    sortie = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    noms = [ligne.split()[0] for ligne in sortie.splitlines()[2:] if ligne.strip()]
    return [n.split("+", 1)[-1] for n in noms]


def pages_png(pdf: Path, dossier: Path, resolution: int = 80, premiere: int = 1,
              derniere: int | None = None) -> list[Path]:
    """Pages of `pdf` rendered as PNG (pdftoppm), to look at or to measure."""
    dossier.mkdir(parents=True, exist_ok=True)
    commande = ["pdftoppm", "-r", str(resolution), "-png", "-f", str(premiere)]
    if derniere:
        commande += ["-l", str(derniere)]
    subprocess.run([*commande, str(pdf), str(dossier / pdf.stem)], check=True, capture_output=True)
    return sorted(dossier.glob(f"{pdf.stem}*.png"))


def tailles_de_police(pdf: Path) -> list[tuple[str, float]]:
    """Each piece of text of `pdf` with the size it is printed at (pt), text and page scaling included
    (a sheet fitted to the page width prints its 10 pt at less): pypdf's text visitor gives the font size and
    the text and transformation matrices."""
    from pypdf import PdfReader  # noqa: PLC0415

    morceaux: list[tuple[str, float]] = []

    def visiteur(texte, cm, tm, _police, taille):
        if not texte.strip():
            return
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        morceaux.append((texte, round(taille * abs(a * d - b * c) ** 0.5, 2)))

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visiteur)
    return morceaux


def normaliser(texte: str) -> str:
    """Text as compared between a file and its printout: any space (no-break, narrow) as one space, the
    minus sign as a hyphen (LibreOffice prints a negative number with '-')."""
    import re  # noqa: PLC0415

    return re.sub(r"[\s\u00a0\u202f]+", " ", texte.replace("\u2212", "-")).strip()
