// Whom every mandate valid at $asOf stands for: the holding organisation and those on whose behalf it is
// held (the whole registry, to size every base; one mandate is mandate_principals_of_mandate, one person's
// mandate_principals_of_person).
// params: $asOf
// returns: mandate, principals
// mode: read
MATCH (m:Mandate)
WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
RETURN {id: m.id, label: 'Mandate', name: m.title, kind: m.seat} AS mandate,
       [(h:Organisation)-[:HOLDS]->(m) | h.id] + [(m)-[:ON_BEHALF_OF]->(o:Organisation) | o.id] AS principals
ORDER BY m.id
