"""The cost model: what a request may ask of the server before it runs, by who is asking.

Every field of an operation is priced before execution, from the query text alone::

    cost(field) = weight(field) + size(field) × (1 + cost of its selection)   for a list with a size argument
    cost(field) = weight(field) + cost of its selection                        otherwise

* ``size`` is the value of the field's ``first``, ``limit``, ``top`` or ``k`` argument (its default when
  left out): a list of 500 items costs 500 times its items;
* ``weight`` is 0 for a scalar, 1 for an object or a list, :data:`EXPENSIVE` for the fields that compute
  over the whole graph (centralities, brokers) and :data:`COSTLY` for path searches; a mutation weighs
  :data:`MUTATION_WEIGHT`;
* aliases and fragments count every time they are used.

A request costs the sum of its fields; above the caller's budget (:data:`ANONYMOUS_BUDGET` for an
anonymous caller, :data:`STAFF_BUDGET` with a token) it is refused before anything runs, with the code
``TOO_COMPLEX`` and a French message giving the cost and the budget. Examples (anonymous):
``network(limit: 2000) { nodes { id } edges { source } }`` costs 6,001 (accepted), twice 12,002 (refused);
``centralityRanking(top: 500) { id value }`` costs 1,000, twenty aliases 20,000 (refused).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    is_leaf_type,
    value_from_ast,
)
from strawberry.extensions import SchemaExtension

GRAPHQL_MAX_INT = 2**31 - 1
ANONYMOUS_BUDGET = 15_000
STAFF_BUDGET = 100_000
EXPENSIVE = 500
"""Weight of a field computed over a whole mesh (centrality measures, brokers)."""
COSTLY = 50
"""Weight of a path search (access paths, affiliation chains, tracing a recommendation)."""
MUTATION_WEIGHT = 100
SIZE_ARGUMENTS = ("first", "limit", "top", "k")
FIELD_WEIGHTS: Mapping[str, int] = {
    "centralityRanking": EXPENSIVE,
    "nodeCentrality": EXPENSIVE,
    "brokers": EXPENSIVE,
    "accessPaths": COSTLY,
    "affiliationChains": COSTLY,
    "traceRecommendation": COSTLY,
    "carriers": COSTLY,
    "partnerSuggestions": COSTLY,
    "sectorBridges": COSTLY,
}
"""Weights of the Query fields that cost more than the rows they return."""


class _Pricer:
    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode], variables: Any) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables or {}

    def selection(self, parent: GraphQLObjectType, selection_set: SelectionSetNode | None, seen: frozenset[str]) -> int:
        if selection_set is None:
            return 0
        total = 0
        for node, owner in self._fields(parent, selection_set, seen):
            definition = owner.fields.get(node.name.value)
            if definition is None:  # __typename, or a field validation refuses anyway
                continue
            total += self.field(node, definition, seen, root=owner in self._roots())
        return total

    def _roots(self) -> tuple[GraphQLObjectType | None, ...]:
        return (self.schema.query_type, self.schema.mutation_type)

    def _fields(
        self, parent: GraphQLObjectType, selection_set: SelectionSetNode, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, GraphQLObjectType]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                owner = parent
                if selection.type_condition is not None:
                    named = self.schema.get_type(selection.type_condition.name.value)
                    owner = named if isinstance(named, GraphQLObjectType) else parent
                yield from self._fields(owner, selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # unknown or cyclic: validation refuses it
                    continue
                named = self.schema.get_type(fragment.type_condition.name.value)
                owner = named if isinstance(named, GraphQLObjectType) else parent
                yield from self._fields(owner, fragment.selection_set, seen | {name})

    def field(self, node: FieldNode, definition: GraphQLField, seen: frozenset[str], *, root: bool) -> int:
        target = get_named_type(definition.type)
        if is_leaf_type(target):
            return 0
        weight = FIELD_WEIGHTS.get(node.name.value, 1) if root else 1
        if root and self.schema.mutation_type is not None and definition in self.schema.mutation_type.fields.values():
            weight = MUTATION_WEIGHT
        children = self.selection(target, node.selection_set, seen) if isinstance(target, GraphQLObjectType) else 0
        size = self._size(node, definition)
        if size is None:
            return weight + children
        return weight + size * (1 + children)

    def _size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        for name in SIZE_ARGUMENTS:
            argument = definition.args.get(name)
            if argument is None:
                continue
            value: Any = argument.default_value
            given = next((a for a in node.arguments or () if a.name.value == name), None)
            if given is not None:
                value = value_from_ast(given.value, argument.type, self.variables)
            # a value outside GraphQL's Int is refused by the execution itself (INVALID_QUERY), not priced
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= GRAPHQL_MAX_INT:
                return max(value, 0)
        return None


def request_cost(schema: GraphQLSchema, document: Any, operation_name: str | None, variables: Any) -> int:
    """The cost of the operation ``operation_name`` of ``document`` (see the module's docstring)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    chosen = [o for o in operations if operation_name is None or (o.name and o.name.value == operation_name)]
    if not chosen:
        return 0
    operation = chosen[0]
    root = schema.mutation_type if operation.operation is OperationType.MUTATION else schema.query_type
    if root is None:
        return 0
    return _Pricer(schema, fragments, variables).selection(root, operation.selection_set, frozenset())


def budget_of(context: Any) -> int:
    """The budget of the request's caller: lower for an anonymous one."""
    viewer = getattr(context, "viewer", None)
    return STAFF_BUDGET if viewer is not None and viewer.sees_people else ANONYMOUS_BUDGET


class CostLimit(SchemaExtension):
    """Refuses, with the code ``TOO_COMPLEX``, an operation whose cost is above its caller's budget."""

    def on_execute(self) -> Iterator[None]:
        # Strawberry decides on the validation errors inside the validation step, before an extension's
        # on_validate resumes: a refusal set there would be ignored. Execution is skipped when a result is
        # already there, so the budget is checked here, once the document is known to be valid.
        context = self.execution_context
        if context.graphql_document is not None:
            cost = request_cost(
                context.schema._schema, context.graphql_document, context.operation_name, context.variables
            )
            budget = budget_of(context.context)
            if cost > budget:
                who = "anonyme" if budget == ANONYMOUS_BUDGET else "avec jeton"
                error = GraphQLError(
                    f"Requête trop coûteuse : coût {cost}, budget {budget} par requête ({who}). Demandez moins "
                    "(first, limit, top plus petits, moins d'alias ou de champs d'analyse).",
                    extensions={"code": "TOO_COMPLEX", "cost": cost, "budget": budget},
                )
                context.result = ExecutionResult(data=None, errors=[error])
        yield
