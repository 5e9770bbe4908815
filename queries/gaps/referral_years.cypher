// The years for which referrals to a CRI or its reception offices are recorded, latest first.
// params: $criId
// returns: year
// mode: read
MATCH (cri:Organisation {id: $criId})
CALL (cri) {
  MATCH (:Organisation)-[ref:REFERS_TO]->(cri) RETURN ref.year AS year
  UNION
  MATCH (:Organisation)-[ref:REFERS_TO]->(:ReceptionOffice)<-[:RUNS]-(cri) RETURN ref.year AS year
}
RETURN DISTINCT year
ORDER BY year DESC
