rc = dict(input_columns=['q'])
a = dict(abbr='a', reader_cfg=rc)
b = dict(abbr='b', reader_cfg=rc)
a['reader_cfg']['test_range'] = '[0:8]'
lst = [a]
both = sum([lst, [b]], [])
both[0]['abbr'] = 'renamed'
same = both[0] is a
x = [1]
y = x
y += [2]
z = x + [3]
z.append(4)
w = (x, x)
w[0].append('via tuple')
