// Stage a batch of the nodes of a snapshot: each is created hidden, under ImportStaged only (invisible to every
// query), with the labels it takes when published in _labels and the restore's id in _import. Each row is
// {labels, properties}; an entity keeps its id (relationships find their ends by it, through the ImportStaged id
// constraint), any other node holds it in _id until published (its id may repeat an entity's).
// params: $rows, $run
// returns: count
// mode: write
UNWIND $rows AS row
CREATE (n:ImportStaged)
SET n = row.properties, n._import = $run, n._labels = row.labels
RETURN count(*) AS count
