// Close a proposal: accepted or rejected, by whom and when.
// params: $id, $status, $actor
// returns: decidedAt
// mode: write
MATCH (p:Proposal {id: $id})
SET p.status = $status, p.decidedBy = $actor, p.decidedAt = datetime()
RETURN p.decidedAt AS decidedAt
