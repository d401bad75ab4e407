datasets = [dict(abbr='a')]
models = [dict(a=1，b=2)]
