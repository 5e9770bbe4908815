// Take the import lock (held by the importer's open transaction until it ends or its connection drops: one import
// at a time; another importer waits on this lock).
// params: $run
// returns: holder
// mode: write
MERGE (lock:ImportLock {id: 'import'})
SET lock.holder = $run, lock.since = datetime()
RETURN lock.holder AS holder
