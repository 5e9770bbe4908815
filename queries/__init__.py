"""Named Cypher queries (one per ``.cypher`` file) and the code that runs them."""

from .loader import Query, available, load
from .run import run, run_as, run_in

__all__ = ["Query", "available", "load", "run", "run_as", "run_in"]
