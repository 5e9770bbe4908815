// Whom a person's mandates stand for at $asOf: for every mandate valid at that date that $person exercises,
// the holding organisation and those on whose behalf it is held.
// params: $person, $asOf
// returns: mandate, principals
// mode: read
MATCH (:Person {id: $person})-[:EXERCISES]->(m:Mandate)
WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
WITH DISTINCT m
RETURN {id: m.id, label: 'Mandate', name: m.title, kind: m.seat} AS mandate,
       [(h:Organisation)-[:HOLDS]->(m) | h.id] + [(m)-[:ON_BEHALF_OF]->(o:Organisation) | o.id] AS principals
ORDER BY m.id
