// Every theme's id and name, to label the groups of a count by theme.
// returns: id, name
// mode: read
MATCH (t:Theme)
RETURN t.id AS id, t.name AS name
