"""Import of real extracts: `python -m observatoire ingest FICHIER... [--dry-run] [--table T] [--annee A]`,
`restore VERSION` and `versions` (user guide: docs/IMPORT.md).

The package, in the order a file goes through it:
- lecture.py: what the file is (CSV, XLSX, or refused) and its rows, into a plain staging CSV;
- colonnes.py: headers, synonyms and how each cell becomes a model value;
- validation.py: the staged rows checked against the extract model (DuckDB, then pandera), to parquet;
- rapport.py: every problem said in French (file, line, column, value, what was expected);
- versions.py: the data folder changed all or nothing, one operation at a time, every file kept;
- commande.py: the command line and the import itself (`importer`, `restaurer`);
- exemples.py: synthetic extracts for the tests and the benchmark.

Exit codes: 0 imported (or nothing to do), 1 file refused, 2 wrong command, 3 another import running,
4 the system refused a write (rights, full disk), 5 interrupted (Ctrl-C, SIGTERM, SIGHUP).
"""
from observatoire.ingest.commande import (ECRITURE, INTERROMPU, OCCUPE, OK, REFUS, RIEN_A_FAIRE, USAGE, Bilan, cible,
                                          decrire_versions, importer, main, restaurer)

__all__ = ["ECRITURE", "INTERROMPU", "OCCUPE", "OK", "REFUS", "RIEN_A_FAIRE", "USAGE", "Bilan", "cible",
           "decrire_versions", "importer", "main", "restaurer"]
