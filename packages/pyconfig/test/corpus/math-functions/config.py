import math
a = math.exp(1)
b = math.sqrt(2)
c = math.pi
d = math.ceil(2.1), math.floor(-2.1), math.ceil(3)
e = math.isnan(float('nan')), math.isinf(float('inf'))
f = math.log(100, 10), math.log10(1000), math.log2(8)
g = [round(math.exp(-i / 2), 4) for i in range(3)]
del math
