// The merges, newest first (active ones, or all).
// params: $activeOnly, $limit
// returns: id, kept, merged, by, at, status, undoneBy, undoneAt
// mode: read
MATCH (m:EntityMerge)
WHERE NOT $activeOnly OR m.status = 'active'
RETURN m.id AS id, m.kept AS kept, m.merged AS merged, m.by AS by, m.at AS at, m.status AS status,
       m.undoneBy AS undoneBy, m.undoneAt AS undoneAt
ORDER BY m.at DESC
LIMIT $limit
