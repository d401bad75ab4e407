s = 'naïve 中文 😀 done'
a = len(s)
b = s[6:8]
c = s.upper()
d = [c for c in 'a😀b']
e = '😀' < 'z', 'é' > 'e', sorted(['b', 'é', 'a', '😀'])
f = s.split(' ')
g = '中' in s
