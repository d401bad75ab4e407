import os
os.system('echo hi')
