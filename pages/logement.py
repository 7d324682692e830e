from observatoire import ui

ui.page_a_venir("Logement", "la situation de logement des jeunes accompagnés", 6)
