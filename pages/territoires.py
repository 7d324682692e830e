from observatoire import ui

ui.page_a_venir("Territoires", "les cartes de Normandie par département et par Mission Locale, avec le détail de chaque territoire", 3)
