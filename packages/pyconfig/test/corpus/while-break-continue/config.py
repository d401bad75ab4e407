i = 0
seen = []
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    seen.append(i)
else:
    seen.append('no-break')
n = 0
while n < 3:
    n += 1
else:
    done = True
