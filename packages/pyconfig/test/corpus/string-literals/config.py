a = 'single'
b = "double with 'quote'"
c = '''triple
line'''
d = r'raw \n \d'
e = 'esc \n \t \\ \' \" \a \b \f \v \0 \x41 \101 \u00e9 \U0001F600'
f = 'unknown \d escape'
g = 'implicit' " concat" f"-{1+1}"
h = "continued \
line"
i = u'unicode 中文 😀'
j = """He said "hi" """
