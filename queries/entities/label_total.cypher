// The number of entities of a label, read from the count store: one read whatever the graph's size, where
// counting a range of the sort-key index reads one entry per entity (218,000 for the organisations of
// synth --scale 1000). The count store is read only for a label written in the query (`MATCH (n:$($label))`
// scans every node), hence one branch per listable label; tests/test_entity_lists.py checks that every listable
// label has its branch and that the count equals the entities listed. It counts what the index range counts
// because every node of these labels is an Entity with its sort keys: the importer publishes a staged node
// with both labels and its keys at once, and the API's and the restore's writes do the same.
// params: $label
// returns: total
// mode: read
RETURN CASE $label
         WHEN 'Body' THEN COUNT { (:Body) }
         WHEN 'Figure' THEN COUNT { (:Figure) }
         WHEN 'Mandate' THEN COUNT { (:Mandate) }
         WHEN 'Memorandum' THEN COUNT { (:Memorandum) }
         WHEN 'Organisation' THEN COUNT { (:Organisation) }
         WHEN 'Platform' THEN COUNT { (:Platform) }
         WHEN 'ReceptionOffice' THEN COUNT { (:ReceptionOffice) }
         WHEN 'Recommendation' THEN COUNT { (:Recommendation) }
         WHEN 'Reform' THEN COUNT { (:Reform) }
         WHEN 'SourceDocument' THEN COUNT { (:SourceDocument) }
         WHEN 'Territory' THEN COUNT { (:Territory) }
         WHEN 'Theme' THEN COUNT { (:Theme) }
       END AS total
