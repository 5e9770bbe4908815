// How many ILIs the graph knows (the denominator of a mandate's representativeness).
// returns: ilis
// mode: read
MATCH (o:Organisation {kind: 'ili'}) RETURN count(o) AS ilis
