// Every memorandum with its authors and number of recommendations, newest first (for pickers).
// returns: id, title, year, levels, authors, recommendations
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
       COUNT { (memo)-[:CONTAINS]->(:Recommendation) } AS recommendations
ORDER BY year DESC, title, id
