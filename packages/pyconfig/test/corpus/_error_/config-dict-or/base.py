ds = dict(abbr='x')
