// The affiliation chains of an organisation up to the Coupole: memberships valid at $asOf, at most
// $maxDepth steps, shortest first (then by the ids along the way), at most $k chains.
// params: $id, $asOf, $maxDepth, $k
// returns: nodes, relationships
// mode: read
MATCH (o:Organisation {id: $id})
MATCH p = (o)-[:MEMBER_OF*1..6]->(c:Organisation {kind: 'coupole'})
WHERE length(p) <= $maxDepth
  AND all(r IN relationships(p) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf)
                                  AND (r.validTo IS NULL OR r.validTo >= $asOf))
  AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
RETURN [n IN nodes(p) | {id: n.id, label: 'Organisation', name: coalesce(n.name, n.acronym), kind: n.kind}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                 properties: properties(r)}] AS relationships
ORDER BY length(p), [n IN nodes(p) | n.id]
LIMIT $k
