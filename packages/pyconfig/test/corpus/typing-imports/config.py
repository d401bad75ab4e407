# The shape of examples/eval_contamination.py and eval_modelscope_datasets.py: a read_base over a file
# that imports typing; typing names are imported names, never in the dump.
from typing import TYPE_CHECKING, Any, List, Tuple, Union
from mmengine.config import read_base

with read_base():
    from .ceval_clean import *

datasets: List[Any] = [*ceval_datasets]
pairs: List[Tuple[str, Union[int, str]]] = [(d['abbr'], len(d)) for d in datasets]
checking = TYPE_CHECKING
