"""View components: everything that draws with streamlit (filters, charts, maps, download buttons, the
presentation screen)."""
