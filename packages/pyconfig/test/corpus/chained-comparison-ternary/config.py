n = 5
a = 1 < n <= 5
b = 0 < n < 3
c = n is not None
d = 'x' not in 'abc'
e = [] == [] and [] is not []
f = 'big' if n > 3 else 'small'
g = not n
h = None is None
i = 3 != 3.0
