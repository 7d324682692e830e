from observatoire import ui

ui.page_a_venir("Contrat d'Engagement Jeune", "les entrées en CEJ cumulées face à l'objectif de l'État, par département et par Mission Locale", 5)
