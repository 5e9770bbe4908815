// The graph's version: a number every import and every API write increases (0 before any write), and
// the epoch of that counter (a new one when the graph was emptied and refilled).
// returns: version, epoch
// mode: read
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN coalesce(v.version, 0) AS version, v.epoch AS epoch
