"""Import of real extracts: `python -m observatoire ingest FICHIER... [--dry-run] [--table T] [--annee A]`,
`restore VERSION` and `versions` (user guide: docs/IMPORT.md).

A file is read (observatoire/ingest/lecture.py), checked against the extract model
(observatoire/ingest/validation.py) and becomes data/extraits/<table>/annee=<A>.parquet, with
provenance 'extraits': the query runner then uses it instead of the demonstration file of that year.
All files of a command are checked before anything is written; one refusal and nothing changes.
Writing is all or nothing, with the previous files kept and restorable (observatoire/ingest/versions.py).

Exit codes: 0 imported (or nothing to do), 1 file refused, 2 wrong command, 3 another import running.
"""
from __future__ import annotations

import argparse
import logging
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from observatoire import config, formats, modele
from observatoire.ingest.colonnes import charger_communes
from observatoire.ingest.lecture import lire
from observatoire.ingest.rapport import FichierRefuse, Probleme
from observatoire.ingest.validation import Extrait, valider
from observatoire.ingest.versions import (OperationEnCours, Remplacement, VersionInconnue, appliquer,
                                          dossier_preparation, lister, plan_restauration, sha256, verrou)

OK, REFUS, USAGE, OCCUPE = 0, 1, 2, 3
RIEN_A_FAIRE = "déjà importé, rien à faire"


@dataclass
class Bilan:
    code: int
    version: str | None = None
    refus: list[FichierRefuse] = field(default_factory=list)
    extraits: list[Extrait] = field(default_factory=list)
    etats: dict[str, str] = field(default_factory=dict)      # target (relative) -> nouveau/remplace/identique
    deja: list[str] = field(default_factory=list)            # files recognised as already imported
    messages: list[str] = field(default_factory=list)

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
    """Checks every file, then (unless `simulation`) writes them all or none. `dire` prints progress."""
    bilan = Bilan(OK)
    communes = charger_communes()
    if communes is None:
        dire("Attention : la liste des communes (data/build/communes.parquet ou geo/communes.csv) est absente : "
             "les codes commune ne sont pas contrôlés contre le Code officiel géographique.")
    with tempfile.TemporaryDirectory(prefix="observatoire-import-") as tmp:
        travail = Path(tmp)
        for fichier in fichiers:
            version = _deja_importe(Path(fichier), table, annee)
            if version:
                bilan.deja.append(str(fichier))
                dire(f"{Path(fichier).name} : {RIEN_A_FAIRE} (fichier identique à celui de la version {version}, "
                     "dont les données sont toujours en place)")
                continue
            try:
                lectures = lire(Path(fichier), travail / "staging", table, annee)
                for lecture in lectures:
                    extrait = valider(lecture, annee, communes, travail)
                    lecture.staging.unlink(missing_ok=True)
                    bilan.extraits.append(extrait)
            except FichierRefuse as refus:
                bilan.refus.append(refus)
        bilan.refus += _doublons(bilan.extraits)
        if bilan.refus:
            for refus in bilan.refus:
                dire(refus.texte())
            n = len(bilan.refus)
            dire(f"Rien n'a été importé : {n} fichier{'s' if n > 1 else ''} refusé{'s' if n > 1 else ''}. "
                 "Aucune donnée n'a été modifiée.")
            bilan.code = REFUS
            return bilan
        if not bilan.extraits:
            dire(f"Les données sont déjà à jour : {RIEN_A_FAIRE}.")
            return bilan
        if simulation:
            _decrire(bilan, dire)
            dire("Simulation (--dry-run) : les fichiers sont valides ; rien n'a été écrit.")
            return bilan
        try:
            with verrou():
                _decrire(bilan, dire)
                a_ecrire = [e for e in bilan.extraits if bilan.etats[cible(e)] != "identique"]
                if not a_ecrire:
                    dire(f"Les données sont déjà à jour : {RIEN_A_FAIRE}.")
                    return bilan
                preparation = dossier_preparation()
                try:
                    remplacements = []
                    for e in a_ecrire:
                        prepare = preparation / cible(e)
                        prepare.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(e.parquet, prepare)
                        remplacements.append(Remplacement(cible(e), prepare, sha256(prepare)))
                    operation = {"operation": "import", "sources": [
                        {"fichier": str(e.lecture.nom), "chemin": str(e.lecture.chemin.resolve()),
                         "sha256": sha256(e.lecture.chemin), "options": {"table": table, "annee": annee},
                         "table": e.table, "annee": e.annee, "lignes": e.nb_lignes, "cible": cible(e),
                         "sha256_cible": sha256(e.parquet), "ecrit": e in a_ecrire} for e in bilan.extraits]}
                    bilan.version = appliquer(remplacements, operation)
                finally:
                    shutil.rmtree(preparation, ignore_errors=True)
                _preparer_tables_derivees(dire)
        except OperationEnCours as exc:
            dire(f"Import impossible : {exc}. Aucune donnée n'a été modifiée.")
            bilan.code = OCCUPE
            return bilan
    dire(f"Import terminé. Version {bilan.version} : pour revenir à l'état d'avant, "
         f"make restore VERSION={bilan.version}")
    return bilan


def _preparer_tables_derivees(dire) -> None:
    """Builds the derived tables of the new data now, so the first visitor does not wait for them. The data
    is already in place: a failure here is only reported (the app builds them at its next connection).
    Importing the app's modules outside the app makes its framework log an English warning about its cache:
    noise for the person importing, silenced here."""
    logging.disable(logging.WARNING)
    try:
        from observatoire import db, derive

        derive.preparer(db._tables(config.BUILD_DIR), config.BUILD_DIR)
    except Exception:  # noqa: BLE001 — never turn an accepted import into a failure
        dire("Note : les tables dérivées n'ont pas pu être préparées maintenant ; l'application les préparera "
             "à sa première consultation (les données importées sont bien en place).")
    finally:
        logging.disable(logging.NOTSET)


def _deja_importe(chemin: Path, table: str | None, annee: int | None) -> str | None:
    """The version of the import that read this very file (same bytes, same options), if everything it
    wrote from it is still in place unchanged: then there is nothing to check again, nor to do."""
    if not chemin.is_file():
        return None
    empreinte = None
    for m in reversed(lister()):
        if m.get("operation") != "import":
            continue
        empreinte = empreinte or sha256(chemin)
        sources = [s for s in m.get("sources", []) if s.get("sha256") == empreinte
                   and s.get("options") == {"table": table, "annee": annee}]
        if not sources:
            continue
        en_place = all((config.DATA_DIR / s["cible"]).exists()
                       and sha256(config.DATA_DIR / s["cible"]) == s["sha256_cible"] for s in sources)
        return m["version"] if en_place else None
    return None


def _doublons(extraits: list[Extrait]) -> list[FichierRefuse]:
    vus: dict[tuple[str, int], Extrait] = {}
    refus = []
    for e in extraits:
        k = (e.table, e.annee)
        if k in vus:
            refus.append(FichierRefuse(e.lecture.nom, [Probleme("fichiers_en_double", 1, [], (
                f"la table {e.table} pour {e.annee} vient déjà de {vus[k].lecture.nom} dans cette commande"))]))
        vus[k] = e
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
        with verrou():
            preparation = dossier_preparation()
            try:
                m, remplacements = plan_restauration(version, preparation)
                if not remplacements:
                    dire(f"Les fichiers sont déjà dans l'état d'avant la version {version} : rien à faire.")
                    return bilan
                bilan.version = appliquer(remplacements, {"operation": "restauration", "version_restauree": version})
            finally:
                shutil.rmtree(preparation, ignore_errors=True)
            _preparer_tables_derivees(dire)
    except VersionInconnue as exc:
        dire(f"Restauration impossible : {exc}")
        bilan.code = USAGE
        return bilan
    except OperationEnCours as exc:
        dire(f"Restauration impossible : {exc}.")
        bilan.code = OCCUPE
        return bilan
    for r in remplacements:
        dire(f"  data/{r.relatif} : " + ("remis dans son état d'avant" if r.nouveau else "retiré (créé par cet import)"))
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


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return USAGE
    commande, args = argv[0], argv[1:]
    try:
        if commande == "ingest":
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
        if commande == "restore":
            p = _Arguments(AIDE_RESTORE, prog="python -m observatoire restore")
            p.add_argument("version", nargs="?", default="")
            a = p.parse_args(args)
            if a.help:
                print(AIDE_RESTORE)
                return OK
            if not a.version:
                print("Précisez la version à restaurer : make restore VERSION=<version>\n" + decrire_versions())
                return USAGE
            return restaurer(a.version, dire=_dire).code
        if commande == "versions":
            print(decrire_versions())
            return OK
    except SystemExit as exc:
        if exc.code not in (0, None):
            print(exc.code if isinstance(exc.code, str) else "", file=sys.stderr)
            return USAGE
        return OK
    print(f"Commande inconnue : {commande}", file=sys.stderr)
    return USAGE


def _dire(texte: str) -> None:
    flux = sys.stderr if texte.startswith(("REFUSÉ", "Rien n'a été importé", "Import impossible",
                                           "Restauration impossible")) else sys.stdout
    print(texte, file=flux, flush=True)

