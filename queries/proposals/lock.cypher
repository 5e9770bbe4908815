// Lock a proposal for its decision and read it (a concurrent decision waits, then sees the outcome).
// params: $id
// returns: target, field, current, proposed, status
// mode: write
MATCH (p:Proposal {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p.target AS target, p.field AS field, p.current AS current, p.proposed AS proposed, p.status AS status
