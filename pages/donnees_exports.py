from observatoire import ui

ui.page_a_venir("Données & exports", "les tableaux et graphiques à télécharger (CSV, XLSX, PNG, SVG, PowerPoint, fiches territoire)", 7)
