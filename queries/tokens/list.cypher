// Every API token (never its hash), newest first, revoked ones included with their revocation time.
// returns: id, name, role, createdAt, revokedAt, lastUsedAt
// mode: read
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.createdAt AS createdAt, t.revokedAt AS revokedAt,
       t.lastUsedAt AS lastUsedAt
ORDER BY t.createdAt DESC, t.id
