y = eval('__import__("os").getcwd()')
