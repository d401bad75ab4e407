leaf_value = 3
leaf_datasets = [dict(abbr='leaf', up=__file__.split('/')[-3:])]
