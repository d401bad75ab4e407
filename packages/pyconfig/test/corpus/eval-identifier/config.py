from opencompass.datasets import MedBenchEvaluator_Cloze, MedBenchEvaluator_TF

medbench_datasets = []
for name in ['Med-Cloze', 'Med-TF']:
    medbench_datasets.append(dict(abbr=name, evaluator=dict(type=eval('MedBenchEvaluator_' + name.split('-')[1]))))
