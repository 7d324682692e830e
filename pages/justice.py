from observatoire import ui

ui.page_a_venir("Justice", "les jeunes placés sous main de justice accompagnés et les actions du réseau", 6)
