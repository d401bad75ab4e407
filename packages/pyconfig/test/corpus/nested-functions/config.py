def outer(prefix):
    def inner(name):
        return prefix + '-' + name
    return [inner(n) for n in ['a', 'b']]


result = outer('p')


def counter(items, key='n', **defaults):
    out = {}
    for it in items:
        k = it.get(key, defaults.get('fallback', 'none'))
        out[k] = out.get(k, 0) + 1
    return out


counts = counter([{'n': 'x'}, {'n': 'x'}, {}], fallback='missing')
adder = lambda a, b=10: a + b
sums = [adder(1), adder(1, 2)]
del outer, counter, adder
