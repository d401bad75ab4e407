vals = [1, 1.0, 'x', [1], (1,), {'a': 1}, None, True]
kinds = []
for v in vals:
    if isinstance(v, bool):
        kinds.append('bool')
    elif isinstance(v, int):
        kinds.append('int')
    elif isinstance(v, float):
        kinds.append('float')
    elif isinstance(v, str):
        kinds.append('str')
    elif isinstance(v, (list, tuple)):
        kinds.append('seq')
    elif isinstance(v, dict):
        kinds.append('dict')
    else:
        kinds.append('other')
mixed = isinstance(True, int), isinstance(1, (str, float))
