// Record facts proposed by an outside register, for staff review. A proposal already recorded
// (pending or decided: same organisation, field and value) is not proposed again.
// params: $rows: [{id, target, field, current, proposed, source, locator}] (current/proposed as JSON text)
// returns: created
// mode: write
UNWIND $rows AS row
MATCH (n:Organisation {id: row.target})
MERGE (p:Proposal {id: row.id})
  ON CREATE SET p.target = row.target, p.field = row.field, p.current = row.current,
                p.proposed = row.proposed, p.source = row.source, p.locator = row.locator,
                p.status = 'pending', p.createdAt = datetime(), p._new = true
WITH p, coalesce(p._new, false) AS created
REMOVE p._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
