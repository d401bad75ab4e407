s = {3, 1, 2}
s.add(4)
s.discard(1)
a = sorted(s)
b = sorted(set(['b', 'a', 'b']))
c = sorted({1, 2} | {3}) if False else sorted({1, 2}.union({3}))
d = 2 in s, 9 in s, len(s)
e = sorted(set('hello').intersection('world'))
del s
