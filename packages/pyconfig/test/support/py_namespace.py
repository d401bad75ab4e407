"""Ground truth for shardwise's tests: runs a *test fixture* (never a user config) under real Python,
the way mmengine's plain (non-lazy) mode does, and prints its namespace as tagged JSON."""
import json
import sys
import types


def tag(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, list):
        return {"list": [tag(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [tag(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[tag(k), tag(x)] for k, x in v.items()]}
    return {"opaque": type(v).__name__}


path = sys.argv[1]
namespace = {}
with open(path, encoding="utf-8") as f:
    code = compile(f.read(), path, "exec")
exec(code, namespace)
result = {
    k: v
    for k, v in namespace.items()
    if not k.startswith("__") and not isinstance(v, (types.ModuleType, types.FunctionType))
}
print(json.dumps(tag(result), ensure_ascii=False))
