// One entity with all its properties and every relationship valid at $asOf (begun on or before it, not ended
// before it; a mandate at the other end counts only while it is valid too), each with its French reading,
// direction, the node at the other end and the relationship's own properties (provenance included). People at
// the other end are only returned when $withPeople is true.
// params: $id, $asOf, $withPeople
// returns: entity, relationships
// mode: read
MATCH (n:Entity {id: $id})
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(other:Entity)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    AND ($withPeople OR NOT other:Person)
    AND (NOT other:Mandate
      OR ((other.validFrom IS NULL OR other.validFrom <= $asOf) AND (other.validTo IS NULL OR other.validTo >= $asOf)))
  WITH r, other
  WHERE r IS NOT NULL
  ORDER BY type(r), other.id
  RETURN collect({
    type: type(r),
    outgoing: startNode(r) = n,
    properties: properties(r),
    other: {id: other.id, label: head([l IN labels(other) WHERE l <> 'Entity']),
            name: coalesce(other.name, other.title, other.acronym), kind: other.kind}
  }) AS relationships
}
RETURN {labels: [l IN labels(n) WHERE l <> 'Entity'], properties: properties(n)} AS entity, relationships
