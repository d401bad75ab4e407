// Public face of @shardwise/generate (filled in by its issue).
export {};
