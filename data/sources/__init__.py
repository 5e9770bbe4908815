"""The source documents (``*.txt``) and their titles (``sources.yaml``), shipped as package data.

Read them through :mod:`maillage.graph.sources`; this module only marks the folder as the package
``maillage.sources`` so that an installed maillage finds its documents beside its code.
"""
