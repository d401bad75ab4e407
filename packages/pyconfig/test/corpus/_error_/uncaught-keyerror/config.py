d = dict(a=1)
try_this = d.get('b')
value = d['b']
