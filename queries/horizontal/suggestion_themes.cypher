// The organisations working on each theme (the theme posting lists of the suggestion index, read once per
// graph version by queries/suggestion_index.py): every organisation a suggestion can ever name is in one.
// returns: theme, organisations
// mode: read
MATCH (theme:Theme)<-[:WORKS_ON]-(c:Organisation)
RETURN theme.id AS theme, collect(DISTINCT c.id) AS organisations
