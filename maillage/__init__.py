"""maillage: the knowledge graph of the integration sector of Wallonia."""

__version__ = "0.1.0"
