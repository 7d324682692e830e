from observatoire import ui

ui.page_a_venir("Publics accompagnés", "l'âge, le niveau de qualification, le sexe, les QPV et ZRR, le logement et la RQTH des jeunes accompagnés, par territoire", 4)
