"""Shared mechanisms of the observatory: query runner, formats, provenance, charts, maps, secrecy, exports, ingest."""
