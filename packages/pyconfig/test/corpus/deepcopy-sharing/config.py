from copy import deepcopy
import copy
rc = dict(input_columns=['q'], output_column='a')
base = [dict(abbr='x0', reader_cfg=rc), dict(abbr='x1', reader_cfg=rc)]
deep = deepcopy(base)
deep[0]['reader_cfg']['test_range'] = '[0:2]'
shallow = copy.copy(base)
shallow[0]['abbr'] = 'shared-change'
other = copy.deepcopy(rc)
other['output_column'] = 'b'
alias = base
alias.append(dict(abbr='x2'))
dc = base[0].copy()
dc['abbr'] = 'copied'
del copy
