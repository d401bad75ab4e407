a = dict(x=1, y=2)
b = {'y': 20, 'z': 30}
c = {**a, **b}
d = dict(a, w=0)
e = dict(zip(['k1', 'k2'], [1, 2]))
f = dict([('p', 1), ('q', 2)])
g = a.get('x'), a.get('missing'), a.get('missing', 'dflt')
a['new'] = [1]
a.update(b)
a.update(extra=True)
popped = a.pop('z')
popped2 = a.pop('nope', None)
sd = a.setdefault('y', 99)
sd2 = a.setdefault('sd', 5)
keys = list(a.keys())
vals = list(a.values())
items = [k + '=' + str(v) for k, v in a.items()]
h = a.copy()
h['x'] = 'changed'
del a['new']
i = 'x' in a, 'new' in a
j = {1: 'int', 'a': 'str', None: 'none', (1, 2): 'tuple'}
j = [j[(1, 2)], j[None], len(j)]
k = a | {'merged': 1}
