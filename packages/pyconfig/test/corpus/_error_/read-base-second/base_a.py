a_datasets = [dict(abbr='a')]
