from observatoire import ui

ui.page_a_venir("Citoyenneté & mobilité", "l'enquête « Fais entendre ta voix », le service civique et la mobilité internationale", 6)
