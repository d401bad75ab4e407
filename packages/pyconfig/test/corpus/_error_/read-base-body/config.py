from mmengine.config import read_base

with read_base():
    x = 1
