nums = [1, 2, 3, 4, 5, 6]
a = [n * n for n in nums if n % 2 == 0]
b = {n: n ** 2 for n in nums if n > 3}
c = [(i, j) for i in range(3) for j in range(i)]
d = list(x for x in 'abc')
e = {k: v for k, v in zip('xyz', [1, 2, 3])}
f = [[j for j in range(i)] for i in range(3)]
g = sum(x for x in nums)
h = [x if x > 2 else -x for x in nums]
i = sorted({x % 3 for x in nums})
j = [k for k, v in {'a': 1, 'b': 2}.items() if v > 1]
x = 'module x'
k = [x for x in range(2)]
