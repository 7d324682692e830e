"""Command line: python -m observatoire build | vendor | ingest FILE... | restore VERSION | rapports [ANNEE]"""
from __future__ import annotations

import sys


def _build(_args: list[str]) -> int:
    from observatoire import build
    build.construire()
    return 0


def _vendor(_args: list[str]) -> int:
    from observatoire import vendor
    vendor.installer()
    return 0


def _rapports(args: list[str]) -> int:
    from observatoire.sorties import lot
    return lot.main(args)


def _import(commande: str, args: list[str]) -> int:
    try:
        from observatoire import ingest
    except ImportError as exc:
        # A package of the environment is missing (an interrupted installation): say what to do.
        print(f"L'import ne peut pas démarrer : l'environnement .venv est incomplet (il y manque « {exc.name} »). "
              "Réinstallez-le avec make setup (il faut internet), puis relancez la commande.", file=sys.stderr)
        return 2
    return ingest.main([commande, *args])


COMMANDES = {"build": _build, "vendor": _vendor, "rapports": _rapports}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    commande, args = argv[0], argv[1:]
    if commande in COMMANDES:
        return COMMANDES[commande](args)
    if commande in ("ingest", "restore", "versions"):
        return _import(commande, args)
    print(f"Commande inconnue : {commande}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
