from opencompass.openicl.icl_inferencer import GenInferencer

_private_cfg = dict(max_out_len=10)
star_datasets = [dict(abbr='star', inferencer=dict(type=GenInferencer, **_private_cfg))]
