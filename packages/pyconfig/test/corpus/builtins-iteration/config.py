names = ['a', 'b', 'c']
values = [1, 2]
z = list(zip(names, values))
en = list(enumerate(names))
en1 = [f'{i}:{n}' for i, n in enumerate(names, 1)]
rv = list(reversed(names))
lengths = len(names), len('abc'), len({'k': 1}), len(range(2, 10, 3)), len((1,))
an = any([0, '', 'x']), all([1, 'a']), any([]), all([])
mx = max(3, 7, 5), min('b', 'a'), max([], default='empty'), max([1, 5, 3])
it = iter([1, 2, 3])
nx = next(it), next(it), next(iter([]), 'exhausted')
del it
tp = tuple('ab'), list({'x': 1, 'y': 2}), list(range(3, 0, -1))
