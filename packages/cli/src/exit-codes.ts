/** 0: clean. 1: the input has problems of severity error. 2: usage error or unreadable input. 3: a bug in shardwise. */
export const EXIT = { clean: 0, issues: 1, usage: 2, internal: 3 } as const;
