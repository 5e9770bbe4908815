// Whom one mandate ($mandate) stands for at $asOf: the holding organisation and those on whose behalf it is
// held; no row when it is not valid at that date.
// params: $mandate, $asOf
// returns: mandate, principals
// mode: read
MATCH (m:Mandate {id: $mandate})
WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
RETURN {id: m.id, label: 'Mandate', name: m.title, kind: m.seat} AS mandate,
       [(h:Organisation)-[:HOLDS]->(m) | h.id] + [(m)-[:ON_BEHALF_OF]->(o:Organisation) | o.id] AS principals
