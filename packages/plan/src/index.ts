// Public face of @shardwise/plan (filled in by its issue).
export {};
