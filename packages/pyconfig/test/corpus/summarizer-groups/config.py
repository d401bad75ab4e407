mmlu_subjects = ['math', 'physics', 'history']
mmlu_weights = {s: i + 1 for i, s in enumerate(mmlu_subjects)}
summary_groups = []
summary_groups.append({'name': 'mmlu', 'subsets': ['lukaemon_mmlu_' + s for s in mmlu_subjects], 'weights': {'lukaemon_mmlu_' + s: w for s, w in mmlu_weights.items()}})
summary_groups.append({'name': 'mmlu-std', 'subsets': [['lukaemon_mmlu_' + s, 'accuracy'] for s in mmlu_subjects], 'std': True})
summarizer = dict(
    dataset_abbrs=['mmlu', 'mmlu-std', '', 'lukaemon_mmlu_math'],
    summary_groups=sum([v for k, v in locals().items() if k.endswith('_groups')], []),
)
