"""maillage."""
