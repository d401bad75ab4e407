# The shape of OpenCompass's ceval_clean_ppl.py: typing names imported for annotations only.
from typing import Dict, List, Optional

ceval_subject_mapping: Dict[str, List[str]] = {'physics': ['Physics', '物理', 'STEM']}
ceval_all_sets: List[str] = list(ceval_subject_mapping.keys())
ceval_datasets = []
for _name in ceval_all_sets:
    _hint: Optional[str] = None
    ceval_datasets.append(dict(abbr=f'ceval-{_name}', hint=_hint, subject=ceval_subject_mapping[_name][1]))


def _helper(names: List[str]) -> List[str]:
    return [n.upper() for n in names]


upper_sets = _helper(ceval_all_sets)
del _helper
