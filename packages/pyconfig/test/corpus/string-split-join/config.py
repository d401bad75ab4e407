text = 'alpha beta\tgamma\n delta'
words = text.split()
first_two = text.split(None, 2)
csv = 'a,b,,c,'
parts = csv.split(',')
joined = '|'.join(parts)
lines = 'one\ntwo\n\nthree'.split('\n')
path = 'a/b/c.txt'.rsplit('/', 1)
