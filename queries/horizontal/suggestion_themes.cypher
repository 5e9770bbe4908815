// Every theme, its name and the organisations working on it (the theme posting lists of the suggestion
// index, read once per graph version by queries/suggestion_index.py): every organisation a suggestion can
// ever name is in one.
// returns: theme, name, organisations
// mode: read
MATCH (theme:Theme)
OPTIONAL MATCH (theme)<-[:WORKS_ON]-(c:Organisation)
RETURN theme.id AS theme, theme.name AS name, collect(DISTINCT c.id) AS organisations
