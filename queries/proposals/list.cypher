// Proposals with a given status, newest first, with the name of the organisation they concern.
// params: $status, $limit
// returns: id, target, targetName, field, current, proposed, source, locator, status, createdAt, decidedBy, decidedAt
// mode: read
MATCH (p:Proposal {status: $status})
OPTIONAL MATCH (n:Organisation {id: p.target})
RETURN p.id AS id, p.target AS target, n.name AS targetName, p.field AS field,
       p.current AS current, p.proposed AS proposed, p.source AS source, p.locator AS locator,
       p.status AS status, p.createdAt AS createdAt, p.decidedBy AS decidedBy, p.decidedAt AS decidedAt
ORDER BY p.createdAt DESC, p.id
LIMIT $limit
