"""File outputs: every format a figure leaves the app in (CSV, XLSX, PNG/SVG, PPTX, DOCX, PDF, sentences). No
streamlit here."""
