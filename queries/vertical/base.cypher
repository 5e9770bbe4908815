// The base of one or more organisations: every organisation that is a member of one of them, directly or
// through other members (memberships valid at $asOf, at most $maxDepth steps), with the shortest distance.
// params: $ids, $asOf, $maxDepth
// returns: organisation, distance
// mode: read
MATCH (top:Organisation) WHERE top.id IN $ids
MATCH p = (member:Organisation)-[:MEMBER_OF*1..6]->(top)
WHERE length(p) <= $maxDepth AND NOT member.id IN $ids
  AND all(r IN relationships(p) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf)
                                  AND (r.validTo IS NULL OR r.validTo >= $asOf))
WITH member, min(length(p)) AS distance
RETURN {id: member.id, label: 'Organisation', name: coalesce(member.name, member.acronym), kind: member.kind}
         AS organisation, distance
ORDER BY distance, organisation.name, organisation.id
