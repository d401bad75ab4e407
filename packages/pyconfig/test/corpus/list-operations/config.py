a = [1, 2, 3]
b = a + [4]
c = a * 2
a.append(4)
a.extend((5, 6))
a.insert(0, 0)
a.insert(-1, 'x')
p = a.pop()
q = a.pop(0)
a.remove('x')
idx = a.index(3)
cnt = [1, 1, 2].count(1)
d = a.copy()
d.reverse()
e = sorted([3, 1, 2], reverse=True)
f = [*a, *b]
g = a[1:3] + a[::-1] + a[::2] + a[-2:]
h = list(range(10))[2:8:3]
a[0] = 'first'
a[1:3] = ['r1', 'r2', 'r3']
del a[-1]
del h[0]
n = [[0] * 2] * 2
n[0][0] = 9
m = [3, 1, 2]
m.sort()
