// A recommendation with its memorandum, the memorandum's authors, its supporters valid at $asOf and its addressees.
// params: $id, $asOf
// returns: recommendation, number, text, memorandum, authors, supporters, addressees
// mode: read
MATCH (rec:Recommendation {id: $id})
OPTIONAL MATCH (memo:Memorandum)-[:CONTAINS]->(rec)
WITH rec, head(collect(memo)) AS memo
RETURN {id: rec.id, label: 'Recommendation', name: rec.title} AS recommendation,
       rec.number AS number,
       rec.text AS text,
       CASE WHEN memo IS NULL THEN NULL
            ELSE {id: memo.id, label: 'Memorandum', name: memo.title} END AS memorandum,
       COLLECT {
         MATCH (o:Organisation)-[:AUTHORED]->(memo)
         RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS ref
         ORDER BY ref.name, ref.id
       } AS authors,
       COLLECT {
         MATCH (o:Organisation)-[s:SUPPORTS]->(rec)
         WHERE (s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo >= $asOf)
         RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS ref
         ORDER BY ref.name, ref.id
       } AS supporters,
       COLLECT {
         MATCH (rec)-[:ADDRESSED_TO]->(o:Organisation)
         RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS ref
         ORDER BY ref.name, ref.id
       } AS addressees
