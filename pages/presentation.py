from observatoire import ui

ui.page_a_venir("Mode présentation", "un diaporama plein écran des chiffres clés pour les réunions", 7)
