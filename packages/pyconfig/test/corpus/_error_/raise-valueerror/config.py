meta = dict(round=[])
for item in ['x']:
    if not meta['round']:
        raise ValueError('no meta_template.round in internlm2-chat-7b-hf')
