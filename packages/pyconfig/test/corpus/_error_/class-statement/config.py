x = 1

class Helper:
    pass
