messages = []
for key in ['missing', "it's", 3]:
    try:
        dict(a=1)[key]
    except KeyError as err:
        messages.append(str(err))
        messages.append(f'{err}!')
try:
    int('x')
except ValueError as err:
    messages.append(str(err))
