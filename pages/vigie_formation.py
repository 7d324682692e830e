from observatoire import ui

ui.page_a_venir("VIGIE, formation & obligation de formation", "VIGIE Jeunesse, la formation et l'obligation de formation des 16-18 ans", 6)
