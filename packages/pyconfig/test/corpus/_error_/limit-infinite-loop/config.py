datasets = [dict(abbr='a')]
n = 0
while True:
    n += 1
