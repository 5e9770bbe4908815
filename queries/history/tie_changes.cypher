// The relationships of $types that began (validFrom in ($since, $until]) or ended (validTo in [$since, $until))
// between two dates, oldest change first, with both ends and the relationship's properties (provenance
// included). People at either end only with $withPeople. At most $limit rows.
// params: $types, $since, $until, $withPeople, $limit
// returns: change, date, type, from, to, properties
// mode: read
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
  AND ((r.validFrom > $since AND r.validFrom <= $until) OR (r.validTo >= $since AND r.validTo < $until))
  AND ($withPeople OR (NOT a:Person AND NOT b:Person))
UNWIND [c IN [['began', r.validFrom], ['ended', r.validTo]]
        WHERE c[1] IS NOT NULL AND CASE c[0] WHEN 'began' THEN c[1] > $since AND c[1] <= $until
                                              ELSE c[1] >= $since AND c[1] < $until END] AS c
WITH c[0] AS change, c[1] AS date, r, a, b
ORDER BY date, change, type(r), a.id, b.id
LIMIT $limit
RETURN change, date, type(r) AS type,
       {id: a.id, label: head([l IN labels(a) WHERE l <> 'Entity']), name: coalesce(a.name, a.title, a.acronym),
        kind: a.kind} AS from,
       {id: b.id, label: head([l IN labels(b) WHERE l <> 'Entity']), name: coalesce(b.name, b.title, b.acronym),
        kind: b.kind} AS to,
       properties(r) AS properties
