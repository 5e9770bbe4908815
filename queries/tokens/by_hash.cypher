// The live (not revoked) token with this hash, if any.
// params: $hash
// returns: id, name, role, hash
// mode: read
MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL
RETURN t.id AS id, t.name AS name, t.role AS role, t.hash AS hash
