_t1 = 1
_t2 = 'two'
keep = 3
for _k in [k for k in globals() if k.startswith('_t')]:
    del globals()[_k]
del _k
globals()['dynamic'] = [1]
globals()['dynamic'].append(2)
x = 1
del x
x = 'rebound at the end'
