// The ILIs that no federation represents at $asOf: no valid membership chain (at most 4 steps) from the ILI
// to an organisation of kind 'federation'.
// params: $asOf
// returns: organisation
// mode: read
MATCH (ili:Organisation {kind: 'ili'})
WHERE NOT exists {
  MATCH p = (ili)-[:MEMBER_OF*1..4]->(:Organisation {kind: 'federation'})
  WHERE all(r IN relationships(p) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf)
                                  AND (r.validTo IS NULL OR r.validTo >= $asOf))
}
RETURN {id: ili.id, label: 'Organisation', name: coalesce(ili.name, ili.acronym), kind: ili.kind} AS organisation
ORDER BY organisation.name, organisation.id
