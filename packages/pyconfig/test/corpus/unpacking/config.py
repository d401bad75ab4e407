a, b = 1, 2
a, b = b, a
c, *rest = [1, 2, 3, 4]
*init, last = 'xyz'
first, *middle, end = range(5)
(p, q), r = (1, 2), 3
x = y = z = 'chained'
x = 'x rebound'
for k, v in [('k1', 1), ('k2', 2)]:
    pass
m, n = {'mk': 1, 'nk': 2}
