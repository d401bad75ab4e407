x = 1
exec("import os; os.system('true')")
