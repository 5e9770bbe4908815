// Organisations that carry an enterprise number, with the properties a register may propose to change.
// returns: id, enterpriseNumber, properties
// mode: read
MATCH (n:Organisation)
WHERE n.enterpriseNumber IS NOT NULL
RETURN n.id AS id, n.enterpriseNumber AS enterpriseNumber,
       n {.name, .nameNl, .nameDe, .acronym, .address, .legalForm, .naceCodes} AS properties
ORDER BY n.id
