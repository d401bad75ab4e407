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


if __name__ == '__main__':
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
    if "--json" in sys.argv:
        # The layout `shardwise config --json` uses for its namespace (json.dumps, indent 2).
        # Non-finite floats as the strings shardwise writes for them (JSON has no inf/nan).
        def finite(v):
            if isinstance(v, float) and v != v or v in (float("inf"), float("-inf")) and isinstance(v, float):
                return repr(v)
            if isinstance(v, (list, tuple)):
                return [finite(x) for x in v]
            if isinstance(v, dict):
                return {k: finite(x) for k, x in v.items()}
            return v

        print(json.dumps(finite(result), indent=2, ensure_ascii=False))
    else:
        print(json.dumps(tag(result), ensure_ascii=False))
