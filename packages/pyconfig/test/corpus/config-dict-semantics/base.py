shared = dict(input_columns=['q'], output_column='a')
ds = dict(abbr='ds', reader_cfg=shared, tags=['t'], infer_cfg=dict(retriever=dict(type='Zero'), max_out_len=64))
pair = (dict(k=1), [dict(k=2)])
