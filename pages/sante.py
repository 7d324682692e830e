from observatoire import ui

ui.page_a_venir("Santé", "l'enquête santé ORS-CREAI 2022 et les actions santé du réseau", 6)
