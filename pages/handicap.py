from observatoire import ui

ui.page_a_venir("Handicap", "les jeunes reconnus travailleurs handicapés et les actions du réseau", 6)
