datasets=[
    dict(
        abbr='gsm8k',
        reader_cfg=dict(
            input_columns=[
                'question',
            ],
            output_column='answer'),
        type='opencompass.datasets.GSM8KDataset'),
]
models=[
    dict(
        abbr='m',
        generation_kwargs=dict(
            temperature=0.0),
        stop_words=(
            '<eos>',
        ),
        type='opencompass.models.HuggingFace'),
]
template=dict({
    0: 'zero',
    'A-B': 'dash',
})
work_dir='outputs/default/20240101_000000'
