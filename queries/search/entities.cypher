// Public entities (not people) whose name, acronym or title match a full-text query, best first.
// params: $query, $limit
// returns: id, labels, name, acronym, kind, score
// mode: read
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit}) YIELD node, score
RETURN node.id AS id,
       [label IN labels(node) WHERE label <> 'Entity'] AS labels,
       coalesce(node.name, node.title) AS name,
       node.acronym AS acronym,
       node.kind AS kind,
       score
ORDER BY score DESC, name
