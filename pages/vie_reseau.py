from observatoire import ui

ui.page_a_venir("Vie du réseau", "l'activité de l'équipe, le plan régional de formation, la communication, la mutualisation, la labellisation et Objectif Planète", 6)
