// Revoke a token by id or name (the history stays: the node is kept with its revocation time).
// params: $token
// returns: id, name, role, revokedAt
// mode: write
MATCH (t:ApiToken)
WHERE (t.id = $token OR t.name = $token) AND t.revokedAt IS NULL
SET t.revokedAt = datetime()
RETURN t.id AS id, t.name AS name, t.role AS role, t.revokedAt AS revokedAt
