"""The publication layer: every figure a channel may show, computed and protected once per data version, year
and threshold."""
