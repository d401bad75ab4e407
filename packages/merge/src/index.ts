// Public face of @shardwise/merge (filled in by its issue).
export {};
