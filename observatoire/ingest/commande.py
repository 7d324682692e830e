"""Import of real extracts: `python -m observatoire ingest FICHIER... [--dry-run] [--table T] [--annee A]`,
`restore VERSION` and `versions` (user guide: docs/IMPORT.md).

A file is read (observatoire/ingest/lecture.py), checked against the extract model
(observatoire/ingest/validation.py) and becomes data/extraits/<table>/annee=<A>.parquet, with
provenance 'extraits': the query runner then uses it instead of the demonstration file of that year.
All files of a command are checked before anything is written; one refusal and nothing changes.
Writing is all or nothing, with the previous files kept and restorable (observatoire/ingest/versions.py).

Exit codes: 0 imported (or nothing to do), 1 file refused, 2 wrong command, 3 another import running,
4 the system refused a write (rights, full disk), 5 interrupted (Ctrl-C, SIGTERM, SIGHUP).
"""
from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from observatoire import config, formats, modele
from observatoire.ingest.colonnes import charger_communes
from observatoire.ingest.lecture import lire
from observatoire.ingest.rapport import FichierRefuse, Probleme, echapper
from observatoire.ingest.validation import Extrait, valider
from observatoire.ingest.versions import (OperationEnCours, Remplacement, VersionInconnue, appliquer, lister,
                                          plan_restauration, preparation, sha256, verrou)

OK, REFUS, USAGE, OCCUPE, ECRITURE, INTERROMPU = 0, 1, 2, 3, 4, 5
RIEN_A_FAIRE = "déjà importé, rien à faire"
AUCUNE_MODIFICATION = "Aucune donnée n'a été modifiée."


@dataclass
class Bilan:
    code: int
    version: str | None = None
    refus: list[FichierRefuse] = field(default_factory=list)
    extraits: list[Extrait] = field(default_factory=list)
    etats: dict[str, str] = field(default_factory=dict)      # target (relative) -> nouveau/remplace/identique
    deja: list[str] = field(default_factory=list)            # files recognised as already imported
    deja_cibles: dict[tuple[str, int], str] = field(default_factory=dict)   # (table, year) -> file already imported
    messages: list[str] = field(default_factory=list)

    def echec(self, code: int, message: str, dire) -> Bilan:
        """Says why the command stops (`dire`), with its exit code."""
        dire(message)
        self.code = code
        return self

    @property
    def texte(self) -> str:
        return "\n".join(self.messages)


def cible(extrait: Extrait) -> str:
    """Where an extract goes, relative to the data folder."""
    relatif = config.EXTRAITS_DIR.relative_to(config.DATA_DIR)
    return f"{relatif.as_posix()}/{extrait.table}/annee={extrait.annee}.parquet"


def _etat(extrait: Extrait, relatif: str) -> tuple[str, str]:
    actuel = config.DATA_DIR / relatif
    nouveau = sha256(extrait.parquet)
    if not actuel.exists():
        return "nouveau", nouveau
    return ("identique" if sha256(actuel) == nouveau else "remplace"), nouveau


def _lignes_actuelles(relatif: str) -> int | None:
    import pyarrow.parquet as pq

    chemin = config.DATA_DIR / relatif
    return pq.ParquetFile(chemin).metadata.num_rows if chemin.exists() else None


def importer(fichiers: list[str | Path], table: str | None = None, annee: int | None = None,
             simulation: bool = False, dire=print) -> Bilan:
    """Checks every file, then (unless `simulation`) writes them all or none. `dire` prints progress.
    The whole command holds the lock and works in a preparation folder under the data folder (removed at
    the end, or by the next command if this one is killed): no row of an extract is ever copied elsewhere.
    A fault of the system (rights, full disk) or an interruption ends with a French message and its exit
    code, the data as they were (docs/IMPORT.md)."""
    bilan = Bilan(OK)
    try:
        with verrou(), preparation() as travail:
            _importer(bilan, fichiers, table, annee, simulation, travail, dire)
    except OperationEnCours as exc:
        bilan.echec(OCCUPE, f"Import impossible : {exc}. {AUCUNE_MODIFICATION}", dire)
    except KeyboardInterrupt:
        if bilan.version:     # stopped after the swaps: the import is done, only its last words were cut
            dire(f"Import terminé. Version {bilan.version} : pour revenir à l'état d'avant, "
                 f"make restore VERSION={bilan.version}")
        else:
            bilan.echec(INTERROMPU, f"Import interrompu. {AUCUNE_MODIFICATION} Relancez la même commande pour le "
                        "terminer.", dire)
    except (OSError, duckdb.IOException, duckdb.OutOfMemoryException) as exc:
        bilan.echec(ECRITURE, f"Import impossible : {erreur_systeme(exc)}. {AUCUNE_MODIFICATION} " + CONSEIL_ECRITURE,
                    dire)
    return bilan


CONSEIL_ECRITURE = ("Vérifiez que le dossier des données (data/ et ses sous-dossiers) est accessible en écriture et "
                    "qu'il reste de la place sur le disque, puis relancez la commande.")


def erreur_systeme(exc: BaseException) -> str:
    """A fault of the system, in French, naming the file when the system does."""
    # A rename names both files; the second is where it was going.
    fichier = getattr(exc, "filename2", None) or getattr(exc, "filename", None)
    chemin = f" « {echapper(str(fichier))} »" if fichier else ""
    numero = getattr(exc, "errno", None)
    if numero in (errno.EACCES, errno.EPERM):
        return f"le système refuse l'écriture{' dans' + chemin if chemin else ''} (droits insuffisants)"
    if numero == errno.EROFS:
        return f"le disque{' de' + chemin if chemin else ''} est en lecture seule"
    if numero in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "No space left" in str(exc) \
            or "File too large" in str(exc):
        return f"plus de place sur le disque (ou quota atteint){' en écrivant' + chemin if chemin else ''}"
    if isinstance(exc, duckdb.Error):     # the checks' working files (data/.preparation-…) could not be written
        return ("les fichiers de travail de la vérification n'ont pas pu être écrits "
                "(disque plein ou mémoire insuffisante)")
    nom = errno.errorcode.get(numero, "") if numero else ""
    return f"erreur du système{' ' + nom if nom else ''}{' sur' + chemin if chemin else ''}"


def _importer(bilan: Bilan, fichiers, table, annee, simulation: bool, travail: Path, dire) -> None:
    _verifier(bilan, fichiers, table, annee, travail, dire)
    if bilan.refus:
        for refus in bilan.refus:
            dire(refus.texte())
        n = len(bilan.refus)
        dire(f"Rien n'a été importé : {n} fichier{'s' if n > 1 else ''} refusé{'s' if n > 1 else ''}. "
             + AUCUNE_MODIFICATION)
        bilan.code = REFUS
        return
    if not bilan.extraits:
        dire(f"Les données sont déjà à jour : {RIEN_A_FAIRE}.")
        return
    if simulation:
        _decrire(bilan, dire)
        dire("Simulation (--dry-run) : les fichiers sont valides ; rien n'a été écrit.")
        return
    a_ecrire = [e for e in bilan.extraits if _etat(e, cible(e))[0] != "identique"]
    _essayer_ecriture({(config.DATA_DIR / cible(e)).parent for e in a_ecrire} | {config.SAUVEGARDES_DIR})
    _decrire(bilan, dire)
    if not a_ecrire:
        dire(f"Les données sont déjà à jour : {RIEN_A_FAIRE}.")
        return
    remplacements = [Remplacement(cible(e), e.parquet, sha256(e.parquet)) for e in a_ecrire]
    operation = {"operation": "import", "sources": [
        {"fichier": str(e.lecture.nom), "chemin": str(e.lecture.chemin.resolve()),
         "sha256": sha256(e.lecture.chemin), "options": {"table": table, "annee": annee},
         "table": e.table, "annee": e.annee, "lignes": e.nb_lignes, "cible": cible(e),
         "sha256_cible": sha256(e.parquet), "ecrit": e in a_ecrire} for e in bilan.extraits]}
    bilan.version = appliquer(remplacements, operation)
    _preparer_tables_derivees(dire)
    dire(f"Import terminé. Version {bilan.version} : pour revenir à l'état d'avant, "
         f"make restore VERSION={bilan.version}")


def _verifier(bilan: Bilan, fichiers, table, annee, travail: Path, dire) -> None:
    """Reads and checks every file (nothing written outside `travail`): accepted extracts and refusals."""
    communes = charger_communes()
    if communes is None:
        dire("Attention : la liste des communes (data/build/communes.parquet ou geo/communes.csv) est absente : "
             "les codes commune ne sont pas contrôlés contre le Code officiel géographique.")
    for fichier in fichiers:
        deja = _deja_importe(Path(fichier), table, annee)
        if deja:
            version, cibles = deja
            bilan.deja.append(str(fichier))
            for k in cibles:
                bilan.deja_cibles.setdefault(k, echapper(Path(fichier).name))
            dire(f"{echapper(Path(fichier).name)} : {RIEN_A_FAIRE} (fichier identique à celui de la version "
                 f"{version}, dont les données sont toujours en place)")
            continue
        try:
            for lecture in lire(Path(fichier), travail / "staging", table, annee):
                extrait = valider(lecture, annee, communes, travail)
                lecture.staging.unlink(missing_ok=True)
                bilan.extraits.append(extrait)
        except FichierRefuse as refus:
            bilan.refus.append(refus)
    bilan.refus += _doublons(bilan.extraits, bilan.deja_cibles)


def _essayer_ecriture(dossiers: set[Path]) -> None:
    """Fails now, with the folder named, if a folder the import must write to refuses it (read-only folder,
    full disk), rather than after saying what the import will do."""
    for dossier in sorted(dossiers):
        existant = dossier
        while not existant.exists():
            existant = existant.parent
        try:
            fd, essai = tempfile.mkstemp(dir=existant, prefix=".essai-")
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(existant)) from None
        os.close(fd)
        os.remove(essai)


def _preparer_tables_derivees(dire) -> None:
    """Builds the derived tables and the publication layer of the new data now (every year, at the configured
    threshold), so the first visitor does not wait for them (about 10 s at national scale). The data is already
    in place: a failure here is only reported (the app builds them at its next page view).
    Importing the app's modules outside the app makes its framework log an English warning about its cache:
    noise for the person importing, silenced here."""
    logging.disable(logging.WARNING)
    try:
        from observatoire import db, derive
        from observatoire.publication import couche, stockees  # noqa: F401 - stockees registers its tables

        derive.preparer(db._tables(config.BUILD_DIR), config.BUILD_DIR)
        couche.construire_tout()
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 — never turn an accepted import into a failure
        dire("Note : les tables dérivées et la couche de publication n'ont pas pu être préparées maintenant ; "
             "l'application les préparera à sa première consultation (les données importées sont bien en place).")
    finally:
        logging.disable(logging.NOTSET)


def _deja_importe(chemin: Path, table: str | None, annee: int | None) -> tuple[str, list[tuple[str, int]]] | None:
    """(version, its (table, year) targets) of the import that read this very file (same bytes, same options),
    if everything it wrote from it is still in place unchanged: then there is nothing to check again, nor to
    do. None otherwise, and for a file that cannot be read (its refusal says why)."""
    if not chemin.is_file():
        return None
    empreinte = None
    for m in reversed(lister()):
        if m.get("operation") != "import":
            continue
        try:
            empreinte = empreinte or sha256(chemin)
        except OSError:
            return None
        sources = [s for s in m.get("sources", []) if s.get("sha256") == empreinte
                   and s.get("options") == {"table": table, "annee": annee}]
        if not sources:
            continue
        en_place = all((config.DATA_DIR / s["cible"]).exists()
                       and sha256(config.DATA_DIR / s["cible"]) == s["sha256_cible"] for s in sources)
        return (m["version"], [(s["table"], s["annee"]) for s in sources]) if en_place else None
    return None


def _doublons(extraits: list[Extrait], deja: dict[tuple[str, int], str]) -> list[FichierRefuse]:
    """One file per table and year in a command, counting the files recognised as already imported."""
    vus: dict[tuple[str, int], str] = dict(deja)
    refus = []
    for e in extraits:
        k = (e.table, e.annee)
        if k in vus:
            refus.append(FichierRefuse(e.lecture.nom, [Probleme("fichiers_en_double", 1, [], (
                f"la table {e.table} pour {e.annee} vient déjà de {vus[k]} dans cette commande"))]))
        vus[k] = e.lecture.nom
    return refus


def _decrire(bilan: Bilan, dire) -> None:
    for e in bilan.extraits:
        relatif = cible(e)
        etat, _ = _etat(e, relatif)
        bilan.etats[relatif] = etat
        dire(f"ACCEPTÉ : {e.lecture.nom} ({e.lecture.forme}) : table {e.table}, année {e.annee}, "
             f"{formats.nombre(e.nb_lignes)} lignes")
        dire("  colonnes : " + ", ".join(f"{titre} → {c}" for c, titre in e.lecture.colonnes.items()))
        for avertissement in e.lecture.avertissements:
            dire(f"  attention : {avertissement}")
        if etat == "nouveau":
            dire(f"  → data/{relatif} : nouvelle année pour cette table")
        elif etat == "remplace":
            dire(f"  → data/{relatif} : remplace la version actuelle ({formats.nombre(_lignes_actuelles(relatif))} "
                 "lignes), qui sera sauvegardée")
        else:
            dire(f"  → data/{relatif} : contenu identique, {RIEN_A_FAIRE}")


def restaurer(version: str, dire=print) -> Bilan:
    bilan = Bilan(OK)
    try:
        with verrou(), preparation() as travail:
            _, remplacements = plan_restauration(version, travail)
            if not remplacements:
                dire(f"Les fichiers sont déjà dans l'état d'avant la version {version} : rien à faire.")
                return bilan
            _essayer_ecriture({(config.DATA_DIR / r.relatif).parent for r in remplacements} | {config.SAUVEGARDES_DIR})
            bilan.version = appliquer(remplacements, {"operation": "restauration", "version_restauree": version})
            _preparer_tables_derivees(dire)
    except VersionInconnue as exc:
        return bilan.echec(USAGE, f"Restauration impossible : {exc}", dire)
    except OperationEnCours as exc:
        return bilan.echec(OCCUPE, f"Restauration impossible : {exc}.", dire)
    except KeyboardInterrupt:
        if not bilan.version:     # after the swaps, the restoration is done: said below
            return bilan.echec(INTERROMPU, f"Restauration interrompue. {AUCUNE_MODIFICATION}", dire)
    except OSError as exc:
        return bilan.echec(ECRITURE, f"Restauration impossible : {erreur_systeme(exc)}. {AUCUNE_MODIFICATION} "
                           f"{CONSEIL_ECRITURE}", dire)
    for r in remplacements:
        etat = "remis dans son état d'avant" if r.nouveau else "retiré (créé par cet import)"
        dire(f"  data/{r.relatif} : {etat}")
    dire(f"Restauration de l'état d'avant la version {version} terminée. Elle est elle-même annulable : "
         f"make restore VERSION={bilan.version}")
    return bilan


def decrire_versions() -> str:
    versions = lister()
    if not versions:
        return "Aucune version sauvegardée : aucun import n'a encore modifié les données."
    lignes = ["Versions sauvegardées (la plus récente en dernier) :"]
    for m in versions:
        if m.get("operation") == "import":
            quoi = "import de " + ", ".join(f"{s['fichier']} ({s['table']} {s['annee']}, "
                                             f"{formats.nombre(s['lignes'])} lignes)" for s in m.get("sources", [])
                                             if s.get("ecrit", True))
        else:
            quoi = f"restauration de l'état d'avant {m.get('version_restauree')}"
        lignes.append(f"  {m['version']}  {quoi}")
        for f in m["fichiers"]:
            avant = "créé" if f["avant"] == "absent" else ("retiré" if f["apres"] == "absent" else "remplacé")
            lignes.append(f"      data/{f['chemin']} : {avant}")
    lignes.append("Pour revenir à l'état d'avant une opération : make restore VERSION=<version>")
    return "\n".join(lignes)


AIDE_INGEST = """Usage : python -m observatoire ingest FICHIER... [--dry-run] [--table TABLE] [--annee ANNEE]
        (ou : make ingest FILES="FICHIER... [options]")

Importe des extraits CSV ou XLSX : tous les fichiers sont vérifiés, puis importés tous ou aucun.
  --dry-run      vérifie et dit ce qui changerait, sans rien écrire
  --table TABLE  table des fichiers (jeunes, entrees_dispositif, situations, objectifs_cej) ;
                 sinon reconnue aux titres des colonnes
  --annee ANNEE  année des fichiers (obligatoire pour un fichier sans colonne « Année »)
Guide complet : docs/IMPORT.md"""

AIDE_RESTORE = """Usage : python -m observatoire restore VERSION   (ou : make restore VERSION=...)
Remet les fichiers touchés par une opération dans leur état d'avant. Liste : python -m observatoire versions"""

# argparse speaks English: its few messages a user can meet, in French.
_TRADUCTIONS = (
    (r"the following arguments are required: (.*)", r"il manque : \1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"\1 : choix \2 inconnu (possibles : \3)"),
    (r"argument (\S+): invalid int value: (\S+)", r"\1 : \2 n'est pas un nombre entier"),
    (r"argument (\S+): expected one argument", r"\1 : une valeur est attendue après l'option"),
    (r"unrecognized arguments: (.*)", r"option ou argument inconnu : \1"),
)


class _Arguments(argparse.ArgumentParser):
    def __init__(self, aide: str, **kw):
        super().__init__(add_help=False, **kw)
        self.aide = aide
        self.add_argument("-h", "--help", action="store_true")

    def error(self, message):
        for motif, francais in _TRADUCTIONS:
            message = re.sub(motif, francais, message)
        raise SystemExit(f"Commande incorrecte : {message}\n\n{self.aide}")


def _interrompre(signal_recu, _cadre) -> None:
    """A request to stop (kill, terminal closed) ends the import as Ctrl-C does: what was being written is put
    back, the preparation folder removed, and the message says so."""
    raise KeyboardInterrupt(signal_recu)


def main(argv: list[str]) -> int:
    anciens = {s: signal.signal(s, _interrompre) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _commande(argv)
    finally:
        for s, ancien in anciens.items():
            signal.signal(s, ancien)


def _commande(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return USAGE
    commande, args = argv[0], argv[1:]
    actions = {"ingest": _ingest, "restore": _restore, "versions": _versions}
    if commande not in actions:
        print(f"Commande inconnue : {echapper(commande)}", file=sys.stderr)
        return USAGE
    try:
        return actions[commande](args)
    except SystemExit as exc:
        if exc.code not in (0, None):
            print(echapper(exc.code, lignes=True) if isinstance(exc.code, str) else "", file=sys.stderr)
            return USAGE
        return OK


def _ingest(args: list[str]) -> int:
    if {"-h", "--help"} & set(args):
        print(AIDE_INGEST)
        return OK
    p = _Arguments(AIDE_INGEST, prog="python -m observatoire ingest")
    p.add_argument("fichiers", nargs="+", metavar="FICHIER")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--table", choices=list(modele.TABLES))
    p.add_argument("--annee", type=int)
    a = p.parse_args(args)
    return importer(a.fichiers, a.table, a.annee, a.dry_run, dire=_dire).code


def _restore(args: list[str]) -> int:
    p = _Arguments(AIDE_RESTORE, prog="python -m observatoire restore")
    p.add_argument("version", nargs="?", default="")
    a = p.parse_args(args)
    if a.help:
        print(AIDE_RESTORE)
        return OK
    if not a.version:
        print(echapper("Précisez la version à restaurer : make restore VERSION=<version>\n" + decrire_versions(),
                       lignes=True))
        return USAGE
    return restaurer(a.version, dire=_dire).code


def _versions(args: list[str]) -> int:
    print(echapper(decrire_versions(), lignes=True))
    return OK


def _dire(texte: str) -> None:
    """Prints a message; a character that could drive the terminal (escape sequences from a file's name or
    content) is shown escaped, whatever the message."""
    flux = sys.stderr if texte.startswith(("REFUSÉ", "Rien n'a été importé", "Import impossible",
                                           "Restauration impossible", "Import interrompu",
                                           "Restauration interrompue")) else sys.stdout
    try:
        print(echapper(texte, lignes=True), file=flux, flush=True)
    except OSError:      # the terminal is gone (window closed): the exit code still says what happened
        pass

