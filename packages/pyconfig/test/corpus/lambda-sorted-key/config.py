items = [dict(abbr='b', n=2), dict(abbr='a', n=3), dict(abbr='c', n=1)]
by_abbr = [d['abbr'] for d in sorted(items, key=lambda d: d['abbr'])]
by_n_desc = [d['abbr'] for d in sorted(items, key=lambda d: d['n'], reverse=True)]
stable = sorted([(1, 'b'), (0, 'z'), (1, 'a')], key=lambda t: t[0])
mx = max(items, key=lambda d: d['n'])['abbr']
mn = min([3, 1, 2])
square = list(map(lambda x: x * x, [1, 2, 3]))
odd = list(filter(lambda x: x % 2, range(6)))
del items[0]
