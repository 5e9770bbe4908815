// Every memorandum with its authors and number of recommendations, newest first (for pickers).
// returns: id, title, year, levels, authors, recommendations, provenance, authorship
// mode: read
MATCH (memo:Memorandum)
RETURN memo.id AS id,
       memo.title AS title,
       memo.year AS year,
       coalesce(memo.levels, []) AS levels,
       COLLECT {
         MATCH (o:Organisation)-[:AUTHORED]->(memo)
         RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS ref
         ORDER BY ref.name, ref.id
       } AS authors,
       COUNT { (memo)-[:CONTAINS]->(:Recommendation) } AS recommendations,
       {source: memo.source, locator: memo.locator, confidence: memo.confidence} AS provenance,
       COLLECT {
         MATCH (o:Organisation)-[a:AUTHORED]->(memo)
         RETURN {source: a.source, locator: a.locator, confidence: a.confidence} AS p
         ORDER BY coalesce(o.name, o.acronym), o.id
       } AS authorship
ORDER BY year DESC, title, id
