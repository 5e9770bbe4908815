// Every merge still in force: the id folded away and the id it was folded into (an import rewrites the first
// into the second; a chain of merges is followed by the caller).
// returns: merged, kept
// mode: read
MATCH (m:EntityMerge {status: 'active'})
RETURN m.merged AS merged, m.kept AS kept
ORDER BY m.at
