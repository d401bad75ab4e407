datasets = [
    dict(abbr='a', eval_cfg=dict(evaluator=dict(type='X', judge_cfg=dict()))),
    dict(abbr='b', eval_cfg=dict(evaluator=dict(type='Y'))),
    dict(abbr='c'),
]
for d in datasets:
    try:
        d['eval_cfg']['evaluator']['judge_cfg']['model'] = 'judge'
    except:
        pass
caught = []
for key in ['x', 'eval_cfg']:
    try:
        datasets[1][key]
        caught.append('found ' + key)
    except KeyError as e:
        caught.append('KeyError')
    except (IndexError, ValueError):
        caught.append('other')
    else:
        caught.append('else')
try:
    [][1]
except LookupError:
    caught.append('lookup')
try:
    int('x')
except ValueError as err:
    caught.append(str(err))
try:
    1 / 0
except ZeroDivisionError:
    caught.append('zero')
try:
    raise ValueError('custom')
except Exception as exc:
    caught.append(exc.args[0])
finally:
    caught.append('finally')
gone = [n for n in ('e', 'err', 'exc') if n in globals()]
