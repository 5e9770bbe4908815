// The recommendations of a memorandum in their order, with themes, addressees and the status at $asOf.
// params: $memorandumId, $asOf
// returns: id, number, title, themes, addressees, status, statusDate, provenance, statusProvenance
// mode: read
MATCH (:Memorandum {id: $memorandumId})-[:CONTAINS]->(rec:Recommendation)
WITH rec, head(COLLECT {
  MATCH (rec)-[:HAS_STATUS]->(s:StatusChange)
  WHERE s.date <= $asOf
  RETURN s ORDER BY s.date DESC, s.id DESC
}) AS current
RETURN rec.id AS id,
       rec.number AS number,
       rec.title AS title,
       COLLECT {
         MATCH (rec)-[:HAS_THEME]->(t:Theme)
         RETURN {id: t.id, label: 'Theme', name: t.name} AS ref ORDER BY ref.name
       } AS themes,
       COLLECT {
         MATCH (rec)-[:ADDRESSED_TO]->(o:Organisation)
         RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS ref
         ORDER BY ref.name, ref.id
       } AS addressees,
       current.status AS status,
       current.date AS statusDate,
       {source: rec.source, locator: rec.locator, confidence: rec.confidence} AS provenance,
       CASE WHEN current IS NULL THEN NULL
            ELSE {source: current.source, locator: current.locator, confidence: current.confidence} END
         AS statusProvenance
ORDER BY toIntegerOrNull(rec.number), rec.number, rec.title, rec.id
