// The size of the base of each group of organisations in $groups (a list of id lists): how many
// organisations are members of one of the group, directly or through other members (memberships valid
// at $asOf, at most $maxDepth steps), and how many of them are of kind $iliKind. Same rule as vertical.base.
// params: $groups, $asOf, $maxDepth, $iliKind
// returns: group, count, ilis
// mode: read
UNWIND range(0, size($groups) - 1) AS group
CALL (group) {
  MATCH (top:Organisation) WHERE top.id IN $groups[group]
  MATCH p = (member:Organisation)-[:MEMBER_OF*1..6]->(top)
  WHERE length(p) <= $maxDepth AND NOT member.id IN $groups[group]
    AND all(r IN relationships(p) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf)
                                    AND (r.validTo IS NULL OR r.validTo >= $asOf))
  WITH DISTINCT member
  RETURN count(member) AS count, count(CASE WHEN member.kind = $iliKind THEN 1 END) AS ilis
}
RETURN group, count, ilis
ORDER BY group
