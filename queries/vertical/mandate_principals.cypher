// Whom a mandate (or a person's mandates) stands for at $asOf: the holding organisation and those on
// whose behalf it is held. With $person, every valid mandate the person exercises.
// params: $mandate, $person, $asOf
// returns: mandate, principals
// mode: read
MATCH (m:Mandate)
WHERE ($mandate IS NULL OR m.id = $mandate)
  AND ($person IS NULL OR exists { (:Person {id: $person})-[:EXERCISES]->(m) })
  AND (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
RETURN {id: m.id, label: 'Mandate', name: m.title, kind: m.seat} AS mandate,
       [(h:Organisation)-[:HOLDS]->(m) | h.id] + [(m)-[:ON_BEHALF_OF]->(o:Organisation) | o.id] AS principals
ORDER BY m.id
