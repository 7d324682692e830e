from observatoire import ui

ui.page_a_venir("Phrases clés", "des phrases prêtes à publier, construites à partir des chiffres", 7)
