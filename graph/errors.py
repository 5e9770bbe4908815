"""Every error maillage raises on purpose, in one tree.

    MaillageError                 base class; carries a stable ``code``
    ├── ConfigError               a setting is missing or malformed
    ├── ServerError               the managed Neo4j server cannot be installed, started or stopped
    │   └── PrerequisiteMissing   Java or Maven is not installed
    ├── GraphUnavailable          the database cannot be reached (down, wrong URI) or is busy
    ├── CommitUncertain           the connection was lost during a commit: the write may have been recorded
    ├── QueryTimeout              a query ran past the transaction timeout
    ├── AuthenticationFailed      the database refused the credentials
    ├── QueryError                a .cypher file cannot be loaded or parsed
    ├── NotFound                  an id names nothing in the graph
    ├── ConflictError             a write breaks a uniqueness rule or a concurrent edit
    ├── InvalidInput              an argument or a record breaks a rule of the model
    └── ImportValidationError     an import file holds invalid rows (carries every problem found)

The API maps ``code`` to GraphQL error codes; the CLI maps it to exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class MaillageError(Exception):
    """Base class of maillage's own errors."""

    code = "INTERNAL"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(MaillageError):
    """Raised when a setting is missing or cannot be parsed."""

    code = "CONFIG"
    exit_code = 2


class ServerError(MaillageError):
    """Raised when the managed Neo4j server cannot be installed, started or stopped."""

    code = "SERVER"
    exit_code = 3


class PrerequisiteMissing(ServerError):
    """Raised when a program the managed server needs (Java 17+, Maven) is missing."""

    code = "PREREQUISITE_MISSING"


class GraphUnavailable(MaillageError):
    """Raised when the database cannot be reached."""

    code = "UNAVAILABLE"
    exit_code = 4


class CommitUncertain(MaillageError):
    """Raised when the connection broke while a commit was under way: the write may or may not be recorded."""

    code = "COMMIT_UNCERTAIN"
    exit_code = 4


class QueryTimeout(MaillageError):
    """Raised when a query ran past the transaction timeout (the request asked too much, not an outage)."""

    code = "TIMEOUT"
    exit_code = 4


class AuthenticationFailed(MaillageError):
    """Raised when the database refuses the user name or password."""

    code = "UNAUTHENTICATED"
    exit_code = 4


class Forbidden(MaillageError):
    """The caller is known but its role does not allow this."""

    code = "FORBIDDEN"
    exit_code = 4


class QueryError(MaillageError):
    """Raised when a .cypher file is missing, malformed or badly declared."""

    code = "QUERY"


class NotFound(MaillageError):
    """Raised when an id names nothing in the graph."""

    code = "NOT_FOUND"
    exit_code = 5


class ConflictError(MaillageError):
    """Raised when a write conflicts with existing data or with a concurrent write."""

    code = "CONFLICT"
    exit_code = 6


class InvalidInput(MaillageError):
    """Raised when an argument or a record breaks a rule of the model."""

    code = "INVALID_INPUT"
    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One problem found in an import file: where it is and what is wrong."""

    file: str
    row: int | None
    field: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", ligne {self.row}"
        if self.field:
            where += f", champ « {self.field} »"
        shown = f" (valeur : {self.value!r})" if self.value is not None else ""
        return f"{where} : {self.message}{shown}"


class ImportValidationError(InvalidInput):
    """Raised when import files hold invalid rows; nothing was written."""

    code = "INVALID_INPUT"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problème(s) : rien n'a été importé."
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))
