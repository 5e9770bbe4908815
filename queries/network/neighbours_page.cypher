// One page of an entity's relationships of $types valid at $asOf, sorted by the other end's name (lower
// case) then the relationship's type and key, starting after the keyset ($afterName, $afterKey) of the
// previous page, with the total number of such relationships. A mandate at the other end counts only while it is
// valid at $asOf. People at the other end only with $withPeople.
// The expansion is bounded by the entity's own relationships (looked up by its id).
// params: $id, $types, $asOf, $withPeople, $afterName, $afterKey, $limit
// returns: total, relationships
// mode: read
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE type(r) IN $types
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    AND ($withPeople OR NOT other:Person)
    AND (NOT other:Mandate
      OR ((other.validFrom IS NULL OR other.validFrom <= $asOf) AND (other.validTo IS NULL OR other.validTo >= $asOf)))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE type(r) IN $types
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    AND ($withPeople OR NOT other:Person)
    AND (NOT other:Mandate
      OR ((other.validFrom IS NULL OR other.validFrom <= $asOf) AND (other.validTo IS NULL OR other.validTo >= $asOf)))
  WITH r, other, toLower(coalesce(other.name, other.title, other.acronym, other.id)) AS sortName,
       type(r) + ':' + coalesce(r.key, elementId(r)) AS sortKey
  WHERE sortName > $afterName OR (sortName = $afterName AND sortKey > $afterKey)
  ORDER BY sortName, sortKey
  LIMIT $limit
  RETURN collect({
    type: type(r),
    outgoing: startNode(r) = n,
    properties: properties(r),
    sortName: sortName,
    sortKey: sortKey,
    other: {id: other.id, label: head([l IN labels(other) WHERE l <> 'Entity']),
            name: coalesce(other.name, other.title, other.acronym), kind: other.kind}
  }) AS relationships
}
RETURN total, relationships
