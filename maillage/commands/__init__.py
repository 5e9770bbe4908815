"""One module per command group of the ``maillage`` CLI; each exposes a click command named ``command``."""
