datasets = []
kind = type(datasets)
