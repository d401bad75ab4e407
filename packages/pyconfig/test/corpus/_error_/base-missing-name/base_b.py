b_datasets = []
