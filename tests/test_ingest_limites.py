"""Import against hostile files and system faults (issue 16): each class on files built on the fly
(observatoire/ingest/hostiles.py), each import run as the user runs it, in a subprocess whose peak memory
and time are measured. Memory is held to a correctness bound (under 1 GB: a file under 10 MB must never take
more); time is recorded (pytest's record_property), the targets are `make bench`'s. After every refusal or
fault, the data folder is byte-identical and nothing of the extract is left in the system's temporary folder."""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.ingest import LANCEUR
from observatoire import config, ingest
from observatoire.ingest import exemples as ex
from observatoire.ingest import hostiles
from tests.test_ingest import csv_table, empreinte, lire_parquet

MEMOIRE_MAX_MO = 1024
TAILLE_MAX_FICHIER = 10 * 1024 * 1024


@dataclass
class Resultat:
    code: int
    texte: str
    secondes: float
    memoire_mo: float


def importer(donnees: Path, tmp_path: Path, *args, preexec_fn=None, record_property=None,
             pendant=None, commande: str = "ingest") -> Resultat:
    """`python -m observatoire ingest ARGS` in a subprocess pointed at the test data and at its own empty
    temporary folder; `pendant(process)` runs while it does.

    Peak memory: a child's ru_maxrss counts what it inherited at fork (pytest at the end of a full run holds
    about 1 GB, and every child would read as much), so the import is forked by bench/ingest.py's small
    launcher, as the benchmark does, and its own peak is measured. A run that a test signals or kills
    (`pendant`) is started directly, so that the signal reaches the import itself: its memory is not asserted."""
    temporaire = tmp_path / "tmp-systeme"
    temporaire.mkdir(exist_ok=True)
    env = {**os.environ, "OBSERVATOIRE_DATA_DIR": str(donnees), "TMPDIR": str(temporaire)}
    sortie = tmp_path / "sortie.txt"
    mesure = tmp_path / "mesure.txt"
    commande_import = [sys.executable, "-m", "observatoire", commande, *map(str, args)]
    lanceur = [] if pendant else [sys.executable, "-S", "-c", LANCEUR, str(mesure)]
    with open(sortie, "wb") as f:
        debut = time.perf_counter()
        enfant = subprocess.Popen([*lanceur, *commande_import], env=env, stdout=f, stderr=subprocess.STDOUT,
                                  cwd=config.ROOT, preexec_fn=preexec_fn)
        if pendant:
            pendant(enfant)
        _, statut, usage = os.wait4(enfant.pid, 0)
        secondes = time.perf_counter() - debut
        enfant.returncode = os.waitstatus_to_exitcode(statut)     # reaped here: Popen must know it
    maxrss_ko = int(mesure.read_text().split()[0]) if lanceur else usage.ru_maxrss
    code = enfant.returncode if not lanceur or enfant.returncode < 128 else enfant.returncode - 256
    r = Resultat(code, sortie.read_bytes().decode("utf-8"), secondes, maxrss_ko / 1024)
    if record_property:
        record_property("secondes", round(r.secondes, 2))
        record_property("memoire_mo", round(r.memoire_mo))
    if not pendant:
        assert r.memoire_mo < MEMOIRE_MAX_MO, f"{r.memoire_mo:.0f} Mo en {r.secondes:.1f} s"
    assert "Traceback" not in r.texte, r.texte
    assert not list(temporaire.iterdir()), "des fichiers de l'import dans le dossier temporaire du système"
    return r


def refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property, *options) -> Resultat:
    assert fichier.stat().st_size < TAILLE_MAX_FICHIER
    avant = empreinte(donnees)
    r = importer(donnees, tmp_path, fichier, *options, record_property=record_property,
                 preexec_fn=_sans_passe_droit())
    assert r.code == ingest.REFUS, r.texte
    assert r.texte.rstrip().endswith(
        "Rien n'a été importé : 1 fichier refusé. Aucune donnée n'a été modifiée."), r.texte
    assert empreinte(donnees) == avant
    assert not list(donnees.glob(".preparation-*"))
    return r


# ---------------------------------------------------------------------------------------------------
# Limits, checked before reading


def test_chaines_partagees_gonflees_refusees_sans_les_lire(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_chaines_gonflees(tmp_path / "jeunes.xlsx", mo=640)
    assert fichier.stat().st_size < 1024 * 1024
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert r.texte.splitlines() == [
        "REFUSÉ : jeunes.xlsx",
        "  • Fichier trop grand",
        "      jeunes.xlsx : la partie « xl/sharedStrings.xml » du classeur fait 640 Mo une fois décompressée "
        "(au plus 16 Mo) : classeur abîmé ou fabriqué, ou trop grand pour un classeur ; enregistrez-le en CSV",
        "Rien n'a été importé : 1 fichier refusé. Aucune donnée n'a été modifiée.",
    ]


def test_trois_millions_de_lignes_declarees_refusees_avant_lecture(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_lignes(tmp_path / "jeunes.xlsx", 3_000_000)
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert ("jeunes.xlsx : une feuille déclare plus de 100\u202f000 lignes (3\u202f000\u202f004) : au-delà, "
            "un classeur "
            "est trop long à lire ; enregistrez-la en CSV (« CSV UTF-8 »), qui n'a pas de limite") in r.texte


def test_lignes_non_declarees_comptees_pendant_la_lecture(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_lignes(tmp_path / "jeunes.xlsx", 3_000_000, dimension_vraie=False)
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert ("jeunes.xlsx [feuille « jeunes »] : une feuille compte plus de 100\u202f000 lignes (100\u202f001)"
            in r.texte), r.texte


def test_numero_de_ligne_geant_compte_et_refuse(donnees, tmp_path, record_property):
    r = refuse_sans_rien_changer(donnees, tmp_path, hostiles.xlsx_numero_de_ligne_geant(tmp_path / "j.xlsx"),
                                 record_property)
    assert "une feuille compte plus de 100\u202f000 lignes" in r.texte


def test_cellules_dans_la_derniere_colonne_d_excel_jamais_construites(donnees, tmp_path, record_property):
    """90 000 rows with a cell in column XFD: only the titled columns are read (the rows' « 1 » in column A is
    an identifier too short, said once with ten examples, not 90 000 times)."""
    fichier = hostiles.xlsx_lignes_larges(tmp_path / "jeunes.xlsx", 90_000)
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert "  • Identifiant mal formé : 90\u202f000 lignes" in r.texte
    assert "Nombre de cellules" not in r.texte and len(r.texte) < 50_000


def test_cellule_geante_refusee_sans_la_construire(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_cellule_geante(tmp_path / "jeunes.xlsx")
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert ("jeunes.xlsx : la partie « xl/worksheets/sheet1.xml » du classeur contient un texte de plus de 256 Ko d'un "
            "seul tenant (une cellule au-delà de la limite d'Excel, 32 767 caractères) : classeur abîmé ou fabriqué"
            in r.texte), r.texte


def test_chaines_partagees_nombreuses_lues_sous_la_limite(donnees, tmp_path, record_property):
    """Shared strings just under their limit, in millions of short strings: loaded (the file is valid), within
    the memory bound."""
    fichier = hostiles.xlsx_chaines_nombreuses(tmp_path / "jeunes.xlsx")
    assert fichier.stat().st_size < TAILLE_MAX_FICHIER
    r = importer(donnees, tmp_path, fichier, record_property=record_property)
    assert r.code == ingest.OK, r.texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 10


def test_colonnes_declarees_au_dela_d_excel_refusees(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_lignes_larges(tmp_path / "jeunes.xlsx", 10, dimension="A1:XFE14")
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert "une feuille déclare 16\u202f385 colonnes (au plus 16\u202f384, comme Excel)" in r.texte


def test_csv_de_50_000_colonnes_refuse_en_une_ligne(donnees, tmp_path, record_property):
    r = refuse_sans_rien_changer(donnees, tmp_path, hostiles.csv_colonnes_ignorees(tmp_path / "jeunes.csv"),
                                 record_property)
    assert r.texte.splitlines()[1:3] == [
        "  • Fichier trop grand",
        "      jeunes.csv, ligne 1 : la ligne des titres compte 50\u202f014 cellules (au plus 16\u202f384 "
        "colonnes, comme "
        "Excel) : ce n'est pas un export",
    ]


def test_colonnes_ignorees_comptees_pas_enumerees(donnees, tmp_path, record_property):
    fichier = hostiles.csv_colonnes_ignorees(tmp_path / "jeunes.csv", n=10_000)
    r = importer(donnees, tmp_path, fichier, record_property=record_property)
    assert r.code == ingest.OK, r.texte[:2000]
    assert ("  attention : colonnes ignorées (non reconnues, jamais copiées) : « Colonne 0 » (O), « Colonne 1 » (P), "
            "« Colonne 2 » (Q), « Colonne 3 » (R), « Colonne 4 » (S), « Colonne 5 » (T), « Colonne 6 » (U), "
            "« Colonne 7 » (V), « Colonne 8 » (W), « Colonne 9 » (X)… et 9\u202f990 autres") in r.texte.splitlines()
    assert len(r.texte) < 3_000
    assert list(lire_parquet(donnees, "jeunes", 2023).columns)[:2] == ["id_jeune", "annee"]


def test_titre_de_colonne_immense_coupe(donnees, tmp_path, record_property):
    def modifier(e, r):
        e.append("Commentaire " + "x" * 100_000)
        for ligne in r:
            ligne.append("")
    r = importer(donnees, tmp_path, csv_table(tmp_path, modifier=modifier), record_property=record_property)
    assert r.code == ingest.OK, r.texte[:2000]
    assert (f"  attention : colonnes ignorées (non reconnues, jamais copiées) : « Commentaire {'x' * 48}… » (O)"
            in r.texte.splitlines())
    assert len(r.texte) < 3_000


# ---------------------------------------------------------------------------------------------------
# Characters: over the whole file, and printed escaped


@pytest.mark.parametrize("caractere, dit", [
    ("\x00", "jeunes.csv, ligne 4000 : octet nul sur cette ligne : ce n'est pas un fichier texte"),
    ("\x1b[31m", "jeunes.csv, ligne 4000 : caractère de contrôle 0x1B sur cette ligne : ce n'est pas un fichier texte"),
    ("\x9b31m", "jeunes.csv, ligne 4000 : caractère de contrôle 0x9B sur cette ligne : ce n'est pas un fichier texte"),
])
def test_caractere_de_controle_loin_dans_le_fichier(caractere, dit, donnees, tmp_path, record_property):
    fichier = hostiles.csv_caractere_tardif(tmp_path / "jeunes.csv", caractere)
    assert fichier.read_bytes().index(caractere.encode()) > 300_000
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert r.texte.splitlines()[1:3] == ["  • Fichier binaire, pas un tableau", "      " + dit]


def test_titre_de_colonne_a_sequences_de_terminal_affiche_echappe(donnees, tmp_path, record_property):
    fichier = hostiles.xlsx_titre_sequence_terminal(tmp_path / "jeunes.xlsx")
    r = importer(donnees, tmp_path, fichier, record_property=record_property)
    assert r.code == ingest.OK, r.texte
    assert ("  attention : colonnes ignorées (non reconnues, jamais copiées) : "
            "« Commentaire\\x9b2J\\x9b31m\\u202e » (O)"
            in r.texte.splitlines())
    assert not any(c in r.texte for c in hostiles.SEQUENCE_TERMINAL if not c.isprintable())


def test_nom_de_fichier_a_sequences_de_terminal_affiche_echappe(donnees, tmp_path, record_property):
    fichier = csv_table(tmp_path, nom="jeunes\x1b[2J\x1b]0;x\x07.csv", modifier=lambda e, r: r[0].__setitem__(4, "X"))
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert r.texte.splitlines()[0] == ("REFUSÉ : jeunes\\x1b[2J\\x1b]0;x\\x07.csv "
                                       "(CSV UTF-8 avec BOM, séparateur « ; », "
                                       "table jeunes, 20 lignes de données)")
    assert "\x1b" not in r.texte and "\x07" not in r.texte


def test_caractere_de_controle_dans_une_cellule_de_classeur(donnees, tmp_path, record_property):
    """« Femme » followed by a C1 control (allowed in a workbook's XML): once read as « F » without a word."""
    r_ = ex.lignes("jeunes", 5)
    r_[2][4] = "Femme\x85"
    fichier = ex.ecrire_xlsx(tmp_path / "jeunes.xlsx", {"jeunes": (ex.ENTETES["jeunes"], r_)})
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert r.texte.splitlines()[1:3] == [
        "  • Caractère de contrôle dans une cellule : 1 ligne",
        "      jeunes.xlsx [feuille « jeunes »], ligne 4, colonne « Sexe » (E) : « Femme\\x85 » (caractère 0x85) ; "
        "attendu : une valeur sans caractère de contrôle",
    ]


# ---------------------------------------------------------------------------------------------------
# Faults: a French message, a documented exit code, the data unchanged


def _sans_passe_droit():
    """As root, a read-only folder is still writable: the child drops that privilege (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH out of its bounding set, so out of the program it runs), as an ordinary user would be."""
    if os.geteuid() != 0:
        return None

    def preexec():
        libc = ctypes.CDLL(None, use_errno=True)
        for capacite in (1, 2):                     # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capacite, 0, 0, 0) != 0:   # PR_CAPBSET_DROP
                os._exit(99)
    return preexec


def _sans_ecriture(dossier: Path, donnees: Path, tmp_path: Path, *args, **kw) -> Resultat:
    """`importer(donnees, tmp_path, *args, **kw)` while `dossier` is read-only, for the child too."""
    dossier.chmod(0o555)
    try:
        return importer(donnees, tmp_path, *args, preexec_fn=_sans_passe_droit(), **kw)
    finally:
        dossier.chmod(0o755)


def _ecriture_refusee(operation: str, dossier: Path) -> list[str]:
    """What an import or a restoration the system may not write says, line for line."""
    return [f"{operation} impossible : le système refuse l'écriture dans « {dossier} » (droits insuffisants). "
            "Aucune donnée n'a été modifiée. Vérifiez que le dossier des données (data/ et ses sous-dossiers) est "
            "accessible en écriture et qu'il reste de la place sur le disque, puis relancez la commande."]


def test_dossier_data_en_lecture_seule(donnees, tmp_path, record_property):
    fichier = csv_table(tmp_path)
    avant = empreinte(donnees)
    r = _sans_ecriture(donnees, donnees, tmp_path, fichier, record_property=record_property)
    assert r.code == ingest.ECRITURE, r.texte
    assert r.texte.splitlines() == _ecriture_refusee("Import", donnees)
    assert empreinte(donnees) == avant


def test_dossier_de_table_en_lecture_seule(donnees, tmp_path, capsys, record_property):
    assert ingest.main(["ingest", str(csv_table(tmp_path, n=10, nom="v1.csv"))]) == ingest.OK
    capsys.readouterr()
    dossier = donnees / "extraits" / "jeunes"
    avant = empreinte(donnees)
    r = _sans_ecriture(dossier, donnees, tmp_path, csv_table(tmp_path, n=12, nom="v2.csv"),
                       record_property=record_property)
    assert r.code == ingest.ECRITURE, r.texte
    assert r.texte.splitlines() == _ecriture_refusee("Import", dossier)
    assert empreinte(donnees) == avant and not list(donnees.glob(".preparation-*"))


def test_restauration_dans_un_dossier_en_lecture_seule(donnees, tmp_path, capsys, record_property):
    for n, nom in ((10, "v1.csv"), (12, "v2.csv")):
        assert ingest.main(["ingest", str(csv_table(tmp_path, n=n, nom=nom))]) == ingest.OK
    capsys.readouterr()
    version = sorted(p.name for p in (donnees / "sauvegardes").iterdir())[-1]
    dossier = donnees / "extraits" / "jeunes"
    avant = empreinte(donnees)
    r = _sans_ecriture(dossier, donnees, tmp_path, version, commande="restore", record_property=record_property)
    assert r.code == ingest.ECRITURE, r.texte
    assert r.texte.splitlines() == _ecriture_refusee("Restauration", dossier)
    assert empreinte(donnees) == avant and not list(donnees.glob(".preparation-*"))


def test_fichier_illisible_refuse(donnees, tmp_path, record_property):
    fichier = csv_table(tmp_path)
    fichier.chmod(0o000)
    try:
        r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    finally:
        fichier.chmod(0o644)
    assert r.texte.splitlines()[:3] == [
        "REFUSÉ : jeunes.csv",
        "  • Fichier illisible",
        "      jeunes.csv : le système refuse de le lire (droits d'accès insuffisants)",
    ]


def test_disque_plein(donnees, tmp_path, record_property):
    """The system refuses to write past 256 KB (RLIMIT_FSIZE, as a full disk or a quota would): the staging of
    a 2 MB file fails; the import says so, removes what it wrote, and changes nothing."""
    fichier = csv_table(tmp_path, n=20_000)

    def disque_plein():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)      # a write past the limit fails (EFBIG), not the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    avant = empreinte(donnees)
    r = importer(donnees, tmp_path, fichier, preexec_fn=disque_plein, record_property=record_property)
    assert r.code == ingest.ECRITURE, r.texte
    assert r.texte.startswith("Import impossible : plus de place sur le disque (ou quota atteint)"), r.texte
    assert "Aucune donnée n'a été modifiée." in r.texte
    assert empreinte(donnees) == avant and not list(donnees.glob(".preparation-*"))


def _quand_prepare(signal_envoye):
    """Sends a signal to the import once it has staged rows of the file (its preparation folder holds them)."""
    def pendant(enfant):
        limite = time.monotonic() + 120
        while time.monotonic() < limite and enfant.poll() is None:
            if any(p.is_file() for p in config.DATA_DIR.glob(".preparation-*/**/*")):
                enfant.send_signal(signal_envoye)
                return
            time.sleep(0.01)
    return pendant


@pytest.mark.parametrize("signal_envoye", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_interruption_dite_et_rien_de_change(signal_envoye, donnees, tmp_path, record_property):
    fichier = csv_table(tmp_path, n=100_000)
    avant = empreinte(donnees)
    # Ctrl-C as in a terminal: SIGINT handled by default (a job started in the background inherits it ignored)
    r = importer(donnees, tmp_path, fichier, pendant=_quand_prepare(signal_envoye), record_property=record_property,
                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert r.code == ingest.INTERROMPU, r.texte
    assert r.texte.splitlines()[-1] == ("Import interrompu. Aucune donnée n'a été modifiée. Relancez la même commande "
                                        "pour le terminer.")
    assert empreinte(donnees) == avant and not list(donnees.glob(".preparation-*"))


def test_import_tue_ne_laisse_rien_hors_de_data_et_la_suite_nettoie(donnees, tmp_path, capsys, record_property):
    fichier = csv_table(tmp_path, n=100_000)
    r = importer(donnees, tmp_path, fichier, pendant=_quand_prepare(signal.SIGKILL),
                 record_property=record_property)       # asserts the system's temporary folder is empty
    assert r.code == -signal.SIGKILL
    assert list(donnees.glob(".preparation-*"))         # what it had read stays under data/ ...
    assert not (donnees / "extraits").exists()
    code = ingest.main(["ingest", str(csv_table(tmp_path, "objectifs_cej")), "--dry-run"])
    assert code == ingest.OK, capsys.readouterr()
    assert not list(donnees.glob(".preparation-*"))     # ... until the next command clears it


# ---------------------------------------------------------------------------------------------------
# Consistency


def test_second_fichier_de_la_meme_annee_refuse_meme_si_le_premier_est_deja_importe(donnees, tmp_path, capsys,
                                                                                    record_property):
    a = csv_table(tmp_path, n=30, nom="a.csv")
    assert ingest.main(["ingest", str(a)]) == ingest.OK
    capsys.readouterr()
    b = csv_table(tmp_path, n=40, nom="b.csv")
    avant = empreinte(donnees)
    r = importer(donnees, tmp_path, a, b, record_property=record_property)
    assert r.code == ingest.REFUS, r.texte
    assert r.texte.splitlines()[1:4] == [
        "REFUSÉ : b.csv",
        "  • Deux fichiers pour la même table et la même année",
        "      b.csv : la table jeunes pour 2023 vient déjà de a.csv dans cette commande",
    ]
    assert empreinte(donnees) == avant
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 30


@pytest.mark.parametrize("valeur, titre", [("+120", "Formule dans une cellule"), ("-5", "Nombre négatif"),
                                           ("-0", "Nombre négatif"), ("=100+20", "Formule dans une cellule")])
def test_signe_dans_une_colonne_de_valeurs_refuse(valeur, titre, donnees, tmp_path, record_property):
    fichier = csv_table(tmp_path, "objectifs_cej", modifier=lambda e, r: r[3].__setitem__(2, valeur))
    r = refuse_sans_rien_changer(donnees, tmp_path, fichier, record_property)
    assert r.texte.splitlines()[1:3] == [
        f"  • {titre} : 1 ligne",
        f"      objectifs_cej.csv, ligne 5, colonne « Objectif » (C) : « {valeur} » ; attendu : un nombre entier de 0 "
        "à 100000"]
