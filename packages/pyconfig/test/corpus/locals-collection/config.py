ceval_datasets = [dict(abbr='ceval')]
gsm8k_datasets = [dict(abbr='gsm8k-a'), dict(abbr='gsm8k-b')]
_private_datasets = [dict(abbr='private')]
math_datasets = [dict(abbr='math')]
datasets = sum([v for k, v in locals().items() if k.endswith('_datasets')], [])
hf_model = dict(abbr='m1')
vllm_model = dict(abbr='m2')
models = [v for k, v in locals().items() if k.endswith('_model')]
names = [k for k in globals() if not k.startswith('__')]
needle_datasets = sum((v for k, v in locals().items() if 'datasets' in k and isinstance(v, list)), [])
