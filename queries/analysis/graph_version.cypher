// The graph's version: a number every import and every API write increases (0 before any write).
// returns: version
// mode: read
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN coalesce(v.version, 0) AS version
