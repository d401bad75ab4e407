def make(abbr, path='default/path', *extra, scale=1.0, **kwargs):
    cfg = dict(abbr=abbr, path=path, scale=scale)
    if extra:
        cfg['extra'] = list(extra)
    cfg.update(kwargs)
    return cfg


a = make('x')
b = make('y', 'p', 1, 2, scale=2, note='n')
c = make(**dict(abbr='z', path='q'))
d = make(*['w', 'r'])


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


e = fact(20)


def no_return():
    x = 1


f = no_return()


def early(xs):
    for x in xs:
        if x > 1:
            return x
    return None


g = early([0, 1, 2, 3])
del make, fact, no_return, early
