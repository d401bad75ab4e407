models = [dict(abbr='base')]
a_model = dict(abbr='a')
b_model = dict(abbr='b')
models = sum([[v] for k, v in locals().items() if k.endswith('_model')], models)
s = sum([1, 2, 3])
f = sum([0.1] * 3)
t = sum([1, 2], 10)
b = sum([True, True, False])
