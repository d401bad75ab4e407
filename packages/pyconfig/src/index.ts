// Public face of @shardwise/pyconfig (filled in by its issue).
export {};
