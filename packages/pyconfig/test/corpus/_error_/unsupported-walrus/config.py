items = [1, 2, 3]
if (n := len(items)) > 2:
    big = True
