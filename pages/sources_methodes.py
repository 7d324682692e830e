from observatoire import ui

ui.page_a_venir("Sources & méthodes", "les sources, les définitions, le secret statistique et les données de démonstration", 6)
