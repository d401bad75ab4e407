datasets = [dict(abbr='a', n=1)]
assert len(datasets) == 1, 'one dataset'
assert datasets[0]['abbr'] == 'a'
for d in datasets:
    pass
ok = True
