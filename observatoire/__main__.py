"""Command line: python -m observatoire build | vendor | ingest FILE... | restore VERSION | rapports [ANNEE]"""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    commande, args = argv[0], argv[1:]
    if commande == "build":
        from observatoire import build
        build.construire()
        return 0
    if commande == "vendor":
        from observatoire import vendor
        vendor.installer()
        return 0
    if commande == "rapports":
        from observatoire.sorties import lot
        return lot.main(args)
    if commande in ("ingest", "restore", "versions"):
        try:
            from observatoire import ingest
        except ImportError as exc:
            # A package of the environment is missing (an interrupted installation): say what to do.
            print(f"L'import ne peut pas démarrer : l'environnement .venv est incomplet (il y manque « {exc.name} »). "
                  "Réinstallez-le avec make setup (il faut internet), puis relancez la commande.", file=sys.stderr)
            return 2
        return ingest.main([commande, *args])
    print(f"Commande inconnue : {commande}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
