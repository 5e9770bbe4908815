// One page of the bridge organisations of a sector: organisations of sector $sector with horizontal ties
// valid at $asOf to organisations of at least $minSectors of the sectors $towards. A tie is a direct
// relationship of $directTypes (either direction), a platform both take part in, or a reception office one
// refers people to and the other runs (see ties). Organisations are walked in sort-key order on the
// (sector, sortKey) index, starting strictly after $after ('' for the first page), so a page reads only the
// organisations up to its last bridge; at most $limit rows. Each sector is checked by existence (the
// first tie found is enough), so a member of a large platform costs no more than one tie.
// params: $sector, $towards, $minSectors, $directTypes, $asOf, $after, $limit
// returns: id, key, sectors
// mode: read
MATCH (o:Organisation {sector: $sector})
WHERE o.sortKey > $after
WITH o, [s IN $towards WHERE
    EXISTS {
      MATCH (o)-[r]-(partner:Organisation)
      WHERE partner.sector = s AND type(r) IN $directTypes AND partner <> o
        AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    }
    OR EXISTS {
      MATCH (o)-[r1:PARTICIPATES_IN]->(:Platform)<-[r2:PARTICIPATES_IN]-(partner:Organisation)
      WHERE partner.sector = s AND partner <> o
        AND (r1.validFrom IS NULL OR r1.validFrom <= $asOf) AND (r1.validTo IS NULL OR r1.validTo >= $asOf)
        AND (r2.validFrom IS NULL OR r2.validFrom <= $asOf) AND (r2.validTo IS NULL OR r2.validTo >= $asOf)
    }
    OR EXISTS {
      MATCH (o)-[:REFERS_TO]->(:ReceptionOffice)<-[:RUNS]-(partner:Organisation)
      WHERE partner.sector = s AND partner <> o
    }
    OR EXISTS {
      MATCH (o)-[:RUNS]->(:ReceptionOffice)<-[:REFERS_TO]-(partner:Organisation)
      WHERE partner.sector = s AND partner <> o
    }
  ] AS reached
WITH o, size(reached) AS sectors
WHERE sectors >= $minSectors
RETURN o.id AS id, o.sortKey AS key, sectors
ORDER BY o.sortKey
LIMIT $limit
