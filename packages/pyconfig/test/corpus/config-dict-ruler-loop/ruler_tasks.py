# The shape of OpenCompass's configs/datasets/ruler/ruler_{cwe,niah,...}_gen.py: plain dicts in a base.
reader = dict(input_columns=['prompt'], output_column='answer')
cwe_datasets = [
    dict(abbr='ruler_cwe', type='CWE', reader_cfg=reader, eval_cfg=dict(evaluator=dict(type='Eval'))),
]
niah_datasets = [
    dict(abbr=f'ruler_niah_{kind}', type='NIAH', reader_cfg=reader, tags=['niah', kind]) for kind in ('single', 'multi')
]
