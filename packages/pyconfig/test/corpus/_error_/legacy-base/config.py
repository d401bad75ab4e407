_base_ = ['./other.py']
x = 1
