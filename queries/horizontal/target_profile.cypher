// What a partner search starts from: the themes an organisation works on (or a platform is about), the
// territories it is located in or covers, and the name of the requested territory $territory (if any).
// params: $id, $territory
// returns: labels, themes, territories, requested
// mode: read
MATCH (target:Entity {id: $id})
OPTIONAL MATCH (requested:Territory {id: $territory})
RETURN [l IN labels(target) WHERE l <> 'Entity'] AS labels,
       [(target)-[:WORKS_ON|HAS_THEME]->(t:Theme) | t.id] AS themes,
       [(target)-[:LOCATED_IN|COVERS]->(p:Territory) | {id: p.id, name: p.name, level: p.level}] AS territories,
       CASE WHEN requested IS NULL THEN NULL ELSE {id: requested.id, name: requested.name} END AS requested
