// The ids of the organisations of a sector, in id order.
// params: $sector
// returns: id
// mode: read
MATCH (o:Organisation {sector: $sector})
RETURN o.id AS id
ORDER BY id
