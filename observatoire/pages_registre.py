"""Every page of the app, in menu order: one list that app.py, the tests and the screenshots share."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageDef:
    fichier: str      # under pages/
    titre: str        # menu entry and headline
    icone: str
    section: str


PAGES: list[PageDef] = [
    PageDef("chiffres_cles.py", "Chiffres clés", ":material/dashboard:", "Vue d'ensemble"),
    PageDef("territoires.py", "Territoires", ":material/map:", "Vue d'ensemble"),
    PageDef("publics.py", "Publics accompagnés", ":material/groups:", "Publics"),
    PageDef("cej.py", "Contrat d'Engagement Jeune", ":material/handshake:", "Dispositifs"),
    PageDef("emploi_formation.py", "Emploi & formation", ":material/work:", "Dispositifs"),
    PageDef("justice.py", "Justice", ":material/gavel:", "Thématiques"),
    PageDef("handicap.py", "Handicap", ":material/accessible:", "Thématiques"),
    PageDef("logement.py", "Logement", ":material/home:", "Thématiques"),
    PageDef("sante.py", "Santé", ":material/health_and_safety:", "Thématiques"),
    PageDef("vigie_formation.py", "VIGIE, formation & obligation de formation", ":material/school:", "Thématiques"),
    PageDef("citoyennete_mobilite.py", "Citoyenneté & mobilité", ":material/how_to_vote:", "Thématiques"),
    PageDef("vie_reseau.py", "Vie du réseau", ":material/hub:", "Thématiques"),
    PageDef("phrases_cles.py", "Phrases clés", ":material/format_quote:", "Outils"),
    PageDef("rapport_activite.py", "Rapport d'activité", ":material/article:", "Outils"),
    PageDef("donnees_exports.py", "Données & exports", ":material/download:", "Outils"),
    PageDef("presentation.py", "Mode présentation", ":material/slideshow:", "Outils"),
    PageDef("sources_methodes.py", "Sources & méthodes", ":material/info:", "Outils"),
]
