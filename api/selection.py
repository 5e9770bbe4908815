"""What a request selects below a field, so that a resolver reads only what will be shown.

The request's own syntax tree is walked (graphql-core's field nodes and fragments), not Strawberry's
``info.selected_fields``, which converts the whole selection, arguments included, at each call: a third of
a millisecond per request on a list of seats. Fragments are looked through whatever their type condition: a
field asked only under a type the value turns out not to have still counts as asked, which costs a read and
never loses a field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, SelectionNode

from .context import Info


def _inner(selection: SelectionNode, fragments: Mapping[str, FragmentDefinitionNode]) -> list[SelectionNode]:
    """The selections inside a field or a fragment (a named fragment's from its definition)."""
    if isinstance(selection, FragmentSpreadNode):
        fragment = fragments.get(selection.name.value)
        selection_set = fragment.selection_set if fragment is not None else None
    else:
        selection_set = selection.selection_set  # type: ignore[attr-defined]
    return list(selection_set.selections) if selection_set is not None else []


def _selects(
    selections: Iterable[SelectionNode], path: Sequence[str], fragments: Mapping[str, FragmentDefinitionNode]
) -> bool:
    for selection in selections:
        if not isinstance(selection, FieldNode):  # a fragment: its fields are asked at this level
            if _selects(_inner(selection, fragments), path, fragments):
                return True
        elif selection.name.value == path[0] and (
            len(path) == 1 or _selects(_inner(selection, fragments), path[1:], fragments)
        ):
            return True
    return False


def selects(info: Info, *paths: Sequence[str]) -> bool:
    """Whether the resolved field's selection asks for a field at any of ``paths`` (GraphQL field names below
    the resolved field, outermost first), through fragments too.

    >>> selects(info, ("seats", "person"), ("seats", "substitute"))  # doctest: +SKIP
    True
    """
    raw = info._raw_info
    selections = [selection for node in raw.field_nodes for selection in _inner(node, raw.fragments)]
    return any(_selects(selections, path, raw.fragments) for path in paths)
