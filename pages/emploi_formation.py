from observatoire import ui

ui.page_a_venir("Emploi & formation", "les entrées en emploi, en alternance et en formation, le parrainage et la semaine « 1 par 1 »", 5)
