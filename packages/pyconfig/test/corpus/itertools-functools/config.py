from itertools import product
from functools import reduce
import itertools
pairs = [f'{a}-{b}' for a, b in product(['x', 'y'], [1, 2])]
triples = list(itertools.product('ab', repeat=2))
total = reduce(lambda a, b: a + b, [1, 2, 3, 4])
joined = reduce(lambda a, b: a + b, [[1], [2]], [0])
chained = list(itertools.chain([1], (2, 3)))
del itertools, product, reduce
