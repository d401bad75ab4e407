# What a read_base import gives: mmengine ConfigDicts (addict Dicts), with their own copy, deepcopy,
# update, pop, setdefault, items, attribute and hook semantics; what the file builds stays a plain dict.
from copy import copy as shallow_copy
from copy import deepcopy
from mmengine.config import read_base

with read_base():
    from .base import ds, pair

# Attribute reads and writes; nested dicts (also inside tuples and lists) are ConfigDicts.
abbr = ds.abbr
ds.note = 'set'
retriever_type = ds.infer_cfg.retriever.type
in_tuple = pair[0].k + pair[1][0].k
is_dict = isinstance(ds, dict) and isinstance(ds.reader_cfg, dict)
try:
    ds.missing
except AttributeError as e:
    missing_attr = str(e)
try:
    ds.copy = 1
except AttributeError as e:
    read_only = str(e)
try:
    ds['missing']
except KeyError as e:
    missing_key = e.args

# get / pop / setdefault / in / iteration / items / values
got = [ds.get('abbr'), ds.get('nope'), ds.get('nope', 'dflt')]
popped = [ds.pop('note'), ds.pop('note')]
given = dict(x=1)
kept = ds.setdefault('extra', given)
given['x'] = 2
setdefault_alias = [kept is given, ds.extra.x]
membership = ['abbr' in ds, 'nope' in ds]
keys_in_order = [k for k in ds]
items_are_lists = [isinstance(ds.items(), list), isinstance(ds.values(), list), isinstance(ds.keys(), list), len(ds.items())]

# Storing a plain dict or a list into a ConfigDict stores a ConfigDict / list copy (the hook).
plain = dict(a=1, inner=dict(b=2))
lst = [dict(c=3)]
ds['plain'] = plain
ds.lst = lst
plain['a'] = 100
lst.append(4)
stored = [ds.plain.a, ds.plain.inner.b, ds['lst'][0].c, len(ds.lst), ds.plain is plain]
ds['lst'] += [5]
after_iadd = [len(lst), len(ds.lst)]

# copy(): a ConfigDict whose nested ConfigDicts are shared but whose lists are new.
c = ds.copy()
c.reader_cfg.output_column = 'b'
c.tags.append('only-in-copy')
copy_effects = [ds.reader_cfg.output_column, ds.tags, c.reader_cfg is ds.reader_cfg, c.tags is ds.tags]
c2 = shallow_copy(ds)
copy_module = [c2.abbr, c2.reader_cfg is ds.reader_cfg]

# deepcopy(): nothing shared; copy.deepcopy of a plain list keeps ConfigDicts ConfigDicts.
d = ds.deepcopy()
d.reader_cfg.output_column = 'deep'
deep_effects = [ds.reader_cfg.output_column, d.reader_cfg is ds.reader_cfg, d.abbr]
deep_list = deepcopy([ds])
deep_list_attr = deep_list[0].infer_cfg.max_out_len

# update(): a dict value merges into a dict value recursively; anything else replaces.
u = ds.deepcopy()
u.update(dict(infer_cfg=dict(max_out_len=128)), abbr='renamed')
u.update({'tags': ['new']})
update_result = [u.infer_cfg.retriever.type, u.infer_cfg.max_out_len, u.abbr, u.tags]
u |= dict(infer_cfg=dict(batch_size=8))
ior_result = sorted(u.infer_cfg.keys())

# Plain dicts: built here, from dict(cd), {**cd}, dict(**cd), comprehensions and to_dict().
results = []
for made in (dict(ds), {**ds}, dict(**ds), {k: v for k, v in ds.items()}, ds.to_dict(), ds.to_dict()['infer_cfg'], dict(abbr='x')):
    try:
        results.append(made.abbr)
    except AttributeError as e:
        results.append(str(e))
# A list copy holds the same ConfigDicts.
as_list = [ds][:] + list([ds])
list_copy_attrs = [x.abbr for x in as_list]
del made
