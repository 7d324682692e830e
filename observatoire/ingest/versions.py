"""Changing the data folder safely: one operation at a time, all or nothing, every previous file kept.

An operation (an import, a restoration) is a list of replacements of files under the data folder.
Before any file moves, the current version of each is copied to data/sauvegardes/<version>/ with a
manifest (manifest.json: what was there, what replaces it, from which source file); then each new file,
prepared beside the data on the same filesystem, is swapped in with os.replace (a reader sees the old
file or the new one, never half of one). If a swap fails, the files already swapped are put back.
`restaurer(version)` puts back the files an operation replaced (and removes those it created); it is
itself an operation, so it can be undone too. A lock (flock on the data folder) keeps two operations
from interleaving; the system releases it with its process.

Every file is on the disk (fsync) before the rename that makes it count: the backup and its manifest
before the backup folder gets its name, each new file before it is swapped in. A machine that stops
between two swaps of a multi-file import leaves some files new and the others old, with the complete
backup of all of them: running the same command again finishes the job (the files already in place are
recognised as imported), and restoring that version puts everything back as before. What such a stop
leaves behind (a preparation folder, an unnamed backup) is cleared by the next operation.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from observatoire import config

# The lock file of earlier versions (a process number checked for life): removed when found.
ANCIEN_VERROU = ".import.verrou"
MANIFESTE = "manifest.json"


class OperationEnCours(RuntimeError):
    """Another import or restoration holds the lock."""


class VersionInconnue(LookupError):
    pass


def sha256(chemin: Path) -> str:
    h = hashlib.sha256()
    with open(chemin, "rb") as f:
        while bloc := f.read(1 << 20):
            h.update(bloc)
    return h.hexdigest()


@contextmanager
def verrou():
    """Exclusive lock on the data folder for a whole operation: an advisory lock (flock) on the folder itself,
    held as long as it is open. The system releases it when the process ends, however it ends (killed, machine
    stopped): a lock is never left behind, and a process number reused by another program (after a reboot, in
    a container) cannot hold it. Nothing is written to take it: a refused import leaves the folder as it was."""
    config.DATA_DIR.mkdir(parents=True, exist_ok=True)
    fd = os.open(config.DATA_DIR, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OperationEnCours("un autre import ou une restauration est en cours : attendez qu'il se "
                                   "termine, puis relancez la commande") from None
        _nettoyer_restes()
        yield
    finally:
        os.close(fd)     # releases the lock


def _nettoyer_restes() -> None:
    """Removes what an operation stopped dead (killed, machine off) left behind: its preparation folder (which
    holds the rows it had read, validated and typed) and an unnamed, so incomplete, backup (no file had been
    swapped yet). Called holding the lock, so no other operation is using them. Earlier versions of the
    import prepared in the system's temporary folder: what they left there is removed too."""
    for dossier in config.DATA_DIR.glob(".preparation-*"):
        shutil.rmtree(dossier, ignore_errors=True)
    (config.DATA_DIR / ANCIEN_VERROU).unlink(missing_ok=True)
    if config.SAUVEGARDES_DIR.exists():
        for dossier in config.SAUVEGARDES_DIR.glob(".*.tmp"):
            shutil.rmtree(dossier, ignore_errors=True)
    for dossier in Path(tempfile.gettempdir()).glob("observatoire-import-*"):
        try:
            if dossier.is_dir() and dossier.stat().st_uid == os.getuid():
                shutil.rmtree(dossier, ignore_errors=True)
        except OSError:
            pass


def _sur_disque(chemin: Path) -> None:
    """Waits until a file's bytes are on the disk, not only in the system's cache."""
    with open(chemin, "rb+") as f:
        os.fsync(f.fileno())


def _dossier_sur_disque(dossier: Path) -> None:
    """Makes the renames in a folder durable (POSIX; nothing to do where a folder cannot be opened)."""
    try:
        fd = os.open(dossier, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class Remplacement:
    relatif: str                 # path under the data folder, with '/' (e.g. extraits/jeunes/annee=2023.parquet)
    nouveau: Path | None         # file prepared on the data folder's filesystem; None = remove the file
    sha256_nouveau: str | None = None


def _horodatage(sauvegardes: Path) -> str:
    base = dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    version, n = base, 1
    while (sauvegardes / version).exists() or (sauvegardes / f".{version}.tmp").exists():
        n += 1
        version = f"{base}_{n}"
    return version


def dossier_preparation() -> Path:
    """A private folder beside the data (same filesystem, so that os.replace is atomic). Everything an
    operation reads, checks and writes stays in it, under the data folder: nothing of the extracts goes to
    the system's temporary folder. Removed by `preparation()`, or by the next operation if the process dies."""
    try:
        return Path(tempfile.mkdtemp(dir=config.DATA_DIR, prefix=".preparation-"))
    except OSError as exc:      # named by the data folder, not by the random name it could not create
        raise OSError(exc.errno, exc.strerror, str(config.DATA_DIR)) from None


@contextmanager
def preparation():
    """`dossier_preparation()` for the time of a block, removed after it. Call it holding `verrou()`."""
    dossier = dossier_preparation()
    try:
        yield dossier
    finally:
        shutil.rmtree(dossier, ignore_errors=True)


def _copier_atomique(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".restauration-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def appliquer(remplacements: list[Remplacement], operation: dict) -> str:
    """Saves the current files, then swaps the new ones in; returns the version (its backup folder's name).
    Call it holding `verrou()`."""
    sauvegardes = config.SAUVEGARDES_DIR
    sauvegardes.mkdir(parents=True, exist_ok=True)
    version = _horodatage(sauvegardes)
    fichiers = _sauvegarder(remplacements, operation, sauvegardes, version)
    _echanger(remplacements, fichiers, sauvegardes / version)
    for dossier in {(config.DATA_DIR / r.relatif).parent for r in remplacements}:
        _dossier_sur_disque(dossier)
    return version


def _sauvegarder(remplacements: list[Remplacement], operation: dict, sauvegardes: Path, version: str) -> list[dict]:
    """The backup of every file about to change, with its manifest, on the disk under its final name (and each
    new file on the disk too) before anything is swapped; returns the manifest's list of files."""
    provisoire = sauvegardes / f".{version}.tmp"
    provisoire.mkdir()
    fichiers = []
    try:
        for r in remplacements:
            cible = config.DATA_DIR / r.relatif
            avant = cible.exists()
            if avant:
                (provisoire / r.relatif).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cible, provisoire / r.relatif)
            fichiers.append({"chemin": r.relatif, "avant": "présent" if avant else "absent",
                             "sha256_avant": sha256(cible) if avant else None,
                             "apres": "présent" if r.nouveau else "absent", "sha256_apres": r.sha256_nouveau})
        manifeste = {"version": version, "date": dt.datetime.now().isoformat(timespec="seconds"),
                     **operation, "fichiers": fichiers}
        (provisoire / MANIFESTE).write_text(json.dumps(manifeste, ensure_ascii=False, indent=2), encoding="utf-8")
        for chemin in [p for p in provisoire.rglob("*") if p.is_file()]:
            _sur_disque(chemin)
        os.replace(provisoire, sauvegardes / version)
        _dossier_sur_disque(sauvegardes)
        for r in remplacements:
            if r.nouveau is not None:
                _sur_disque(r.nouveau)
    except BaseException:
        shutil.rmtree(provisoire, ignore_errors=True)
        shutil.rmtree(sauvegardes / version, ignore_errors=True)
        raise
    return fichiers


def _echanger(remplacements: list[Remplacement], fichiers: list[dict], sauvegarde: Path) -> None:
    """Swaps the new files in; on any failure (or interruption), puts back those already swapped, from the
    backup just written, then forgets the backup."""
    faits: list[Remplacement] = []
    try:
        for r in remplacements:
            cible = config.DATA_DIR / r.relatif
            if r.nouveau is not None:
                cible.parent.mkdir(parents=True, exist_ok=True)
                os.replace(r.nouveau, cible)
            else:
                cible.unlink(missing_ok=True)
            faits.append(r)
    except BaseException:
        for r, f in zip(faits, fichiers):
            cible = config.DATA_DIR / r.relatif
            if f["avant"] == "présent":
                _copier_atomique(sauvegarde / r.relatif, cible)
            else:
                cible.unlink(missing_ok=True)
        shutil.rmtree(sauvegarde, ignore_errors=True)
        raise


def manifeste(version: str) -> dict:
    sauvegardes = config.SAUVEGARDES_DIR
    chemin = sauvegardes / version / MANIFESTE
    if not version or "/" in version or version.startswith(".") or not chemin.exists():
        connues = [m["version"] for m in lister()]
        raise VersionInconnue(f"version inconnue : « {version} ». Versions sauvegardées : "
                              + (", ".join(connues) if connues else "aucune"))
    return json.loads(chemin.read_text(encoding="utf-8"))


def lister() -> list[dict]:
    """Manifests of every saved operation, oldest first."""
    sauvegardes = config.SAUVEGARDES_DIR
    if not sauvegardes.exists():
        return []
    resultats = []
    for dossier in sorted(p for p in sauvegardes.iterdir() if p.is_dir() and not p.name.startswith(".")):
        chemin = dossier / MANIFESTE
        if chemin.exists():
            resultats.append(json.loads(chemin.read_text(encoding="utf-8")))
    return resultats


def plan_restauration(version: str, preparation: Path) -> tuple[dict, list[Remplacement]]:
    """What restoring `version` changes: each file the operation touched goes back to its state before it."""
    data_dir = config.DATA_DIR
    m = manifeste(version)
    sauvegarde = config.SAUVEGARDES_DIR / version
    remplacements = []
    for f in m["fichiers"]:
        cible = data_dir / f["chemin"]
        if f["avant"] == "présent":
            if cible.exists() and sha256(cible) == f["sha256_avant"]:
                continue
            prepare = preparation / f["chemin"]
            prepare.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sauvegarde / f["chemin"], prepare)
            remplacements.append(Remplacement(f["chemin"], prepare, f["sha256_avant"]))
        elif cible.exists():
            remplacements.append(Remplacement(f["chemin"], None))
    return m, remplacements
