s = 'abcdefgh'
a = s[1:4], s[-3:], s[:-3], s[::2], s[::-1], s[5:1:-2], s[100:], s[-100:2]
l = list(range(8))
b = l[2:5], l[::-3], l[-1], l[:0]
t = tuple(l)
c = t[1:3], t[-1]
r = range(0, 20, 3)
d = list(r[1:4]), r[-1], len(r), 9 in r, 10 in r
del r
e = 'héllo😀wörld'[4:7], len('😀'), 'a😀b'[1], '😀' * 2
