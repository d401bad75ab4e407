# Backslash continuations where the grammar allows them between any two tokens, inside brackets too.
model = dict(abbr='m', \
             batch_size=8)
sizes = [1, \
         2]
total = 1 + \
    2
names = sorted(['b', 'a'], \
               key=len)
table = {'x': 1, \
         'y': 2}
