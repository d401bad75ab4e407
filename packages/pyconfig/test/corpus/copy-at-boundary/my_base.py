rc = dict(input_columns=['q'], output_column='a')
x_datasets = [dict(abbr='x0', reader_cfg=rc), dict(abbr='x1', reader_cfg=rc)]
shared_in_base = x_datasets[0]['reader_cfg'] is x_datasets[1]['reader_cfg']
