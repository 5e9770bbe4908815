// The name of every person of the graph (to mask the lines of a source document that name one).
// returns: name
// mode: read
MATCH (p:Person)
WHERE p.name IS NOT NULL
RETURN p.name AS name
