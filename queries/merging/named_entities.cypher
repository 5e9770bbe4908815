// The entities of a label with what tells duplicates apart: folded name, acronym, kind, enterprise number.
// params: $label
// returns: id, name, acronym, kind, enterpriseNumber
// mode: read
MATCH (n:$($label))
RETURN n.id AS id, coalesce(n.name, n.title) AS name, n.acronym AS acronym, n.kind AS kind,
       n.enterpriseNumber AS enterpriseNumber
