template = 'Question: {question}\nAnswer: {{answer}}'
a = template.format(question='Q1')
b = '{0}-{1}-{0}'.format('x', 'y')
c = '{:>8.3f}|{:<5}|{:^5}'.format(3.14159, 'ab', 'c')
d = '{name[key]} {items[1]}'.format(name={'key': 'v'}, items=['i0', 'i1'])
e = '{!r} {!s}'.format('q', 'q')
f = '{:{w}}|'.format('x', w=4)
