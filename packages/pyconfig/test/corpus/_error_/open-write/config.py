for _n in [1]:
    with open('out.txt', 'w') as f:
        pass
