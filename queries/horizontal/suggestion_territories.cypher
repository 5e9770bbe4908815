// The territory tree (each territory and the one it is part of), read once per graph version into the
// suggestion index: the places inside a searched territory and those containing it are walked from it in
// memory, as suggestion_candidates walks them (PART_OF links territories only, see graph/model.py).
// returns: part, whole
// mode: read
MATCH (part:Territory)-[:PART_OF]->(whole:Territory)
RETURN part.id AS part, whole.id AS whole
