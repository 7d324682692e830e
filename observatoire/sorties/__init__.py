"""File outputs: every format a figure leaves the app in (CSV, XLSX, PNG/SVG, PPTX, DOCX, PDF, sentences). No
streamlit here."""
# Every chart a file output draws takes the one theme (French number and date locale, fonts, palette), also in a
# process that never loads the views (make rapports, a script): importing it registers and enables it.
from observatoire import theme_graphique  # noqa: F401
