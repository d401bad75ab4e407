from typing import List

# typing names are evaluated only as annotations (which shardwise skips); elsewhere they are refused.
alias = List[str]
