from opencompass.openicl.icl_evaluator import AccEvaluator, CircularEvaluator
from opencompass.datasets import MathBenchDataset

with_circular_eval = True
mathbench_datasets = []
for _name in ['single_choice_cn', 'cloze_en']:
    mathbench_datasets.append(
        dict(
            abbr='mathbench-' + _name,
            type=MathBenchDataset,
            eval_cfg=dict(evaluator=dict(type=CircularEvaluator if 'choice' in _name and with_circular_eval else AccEvaluator)),
        )
    )
