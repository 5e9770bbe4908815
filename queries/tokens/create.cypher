// Store a new API token: its hash only (never the token itself), name, role and creation time.
// params: $id, $hash, $tokenName, $role
// returns: id, name, role, createdAt
// mode: write
CREATE (t:ApiToken {id: $id, hash: $hash, name: $tokenName, role: $role, createdAt: datetime()})
RETURN t.id AS id, t.name AS name, t.role AS role, t.createdAt AS createdAt
