"""Ground truth for read_base fixtures: runs a *test fixture* (never a user config) under real Python the
way mmengine's lazy-import mode does (Config._parse_lazy_import), and prints its namespace as tagged JSON.

mmengine cannot be installed here, so this file carries its own ConfigDict: a dict subclass written from
the semantics of mmengine/config/config.py (ConfigDict over addict/addict.py's Dict): the hook on every
stored value, attribute access, copy/deepcopy/update/pop/get/setdefault/items/values/to_dict. It is this
project's reading of that source, checked here against real Python's dict, list and copy behaviour.
Fixtures may import from read_base (relative files only) and use `from <stdlib module> import name`.
"""
import ast
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from py_namespace import tag  # noqa: E402


class ConfigDict(dict):
    @classmethod
    def _hook(cls, item):
        if type(item) is dict:
            return cls(item)
        if isinstance(item, (list, tuple)):
            return type(item)(cls._hook(x) for x in item)
        return item

    def __init__(self, *args, **kwargs):
        super().__init__()
        for a in args:
            if not a:
                continue
            for k, v in (dict.items(a) if isinstance(a, dict) else a):
                self[k] = self._hook(v)
        for k, v in kwargs.items():
            self[k] = self._hook(v)

    def __missing__(self, name):
        raise KeyError(name)

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if hasattr(type(self), name):
            raise AttributeError(f"'Dict' object attribute '{name}' is read-only")
        self[name] = value

    def __delattr__(self, name):
        del self[name]

    def __setitem__(self, name, value):
        super().__setitem__(name, self._hook(value))

    def __copy__(self):
        other = type(self)()
        for k, v in dict.items(self):
            other[k] = v
        return other

    copy = __copy__

    def __deepcopy__(self, memo):
        other = type(self)()
        memo[id(self)] = other
        for k, v in dict.items(self):
            other[copy.deepcopy(k, memo)] = copy.deepcopy(v, memo)
        return other

    def deepcopy(self):
        return copy.deepcopy(self)

    def get(self, key, default=None):
        return super().get(key, default)

    def pop(self, key, default=None):
        return super().pop(key, default)

    def setdefault(self, key, default=None):
        if key in self:
            return self[key]
        self[key] = default
        return default

    def update(self, *args, **kwargs):
        other = {}
        if args:
            if len(args) > 1:
                raise TypeError('update only accept one positional argument')
            for k, v in dict.items(args[0]):
                other[k] = v
        other.update(kwargs)
        for k, v in other.items():
            if k not in self or not isinstance(self[k], dict) or not isinstance(v, dict):
                self[k] = self._hook(v)
            else:
                self[k].update(v)

    def items(self):
        return list(dict.items(self))

    def values(self):
        return list(dict.values(self))

    def __ior__(self, other):
        self.update(other)
        return self

    def to_dict(self):
        return to_plain(self)


def to_plain(v):
    if isinstance(v, dict):
        return {k: to_plain(x) for k, x in dict.items(v)}
    if isinstance(v, (list, tuple)):
        return type(v)(to_plain(x) for x in v)
    return v


def boundary(v):
    """_dict_to_config_dict_lazy: every dict becomes a new ConfigDict, lists and tuples are rebuilt."""
    if isinstance(v, dict):
        out = ConfigDict()
        for k, x in dict.items(v):
            out[k] = boundary(x)
        return out
    if isinstance(v, (list, tuple)):
        return type(v)(boundary(x) for x in v)
    return v


def parse(path):
    """The file's namespace (before conversion) and its imported names."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    namespace = {'__file__': path}
    imported = set()
    body = []
    for stmt in tree.body:
        if isinstance(stmt, ast.With) and ast.unparse(stmt.items[0].context_expr) == 'read_base()':
            for imp in stmt.body:
                level = imp.level
                base = os.path.join(os.path.dirname(path), *(['..'] * (level - 1)), imp.module.replace('.', '/') + '.py')
                base_ns, base_imported = parse(base)
                imported |= base_imported
                converted = {k: boundary(v) for k, v in base_ns.items() if not k.startswith('__')}
                # Names bound from a base are kept in the dump (ImportTransformer records none of them).
                for alias in imp.names:
                    if alias.name == '*':
                        namespace.update(converted)
                    else:
                        namespace[alias.asname or alias.name] = converted[alias.name]
            continue
        if isinstance(stmt, ast.ImportFrom):
            if stmt.module == 'mmengine.config':
                continue
            # A standard-library `from m import n [as a]` binds an imported name, dropped from the dump.
            imported |= {a.asname or a.name for a in stmt.names}
        body.append(stmt)
    tree.body = body
    exec(compile(tree, path, 'exec'), namespace)
    return namespace, imported


path = sys.argv[1]
ns, imported = parse(path)
result = {k: to_plain(v) for k, v in ns.items() if not k.startswith('__') and k not in imported}
print(json.dumps(tag(result), ensure_ascii=False))
