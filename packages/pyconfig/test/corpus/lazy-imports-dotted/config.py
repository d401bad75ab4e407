from opencompass.openicl.icl_inferencer import GenInferencer, PPLInferencer as PPL
from opencompass.partitioners import NumWorkerPartitioner
from opencompass.runners import LocalRunner
from opencompass.tasks import OpenICLInferTask
import torch.nn as nn

infer = dict(
    partitioner=dict(type=NumWorkerPartitioner, num_worker=8),
    runner=dict(type=LocalRunner, max_num_workers=16, task=dict(type=OpenICLInferTask)),
)
inferencers = [GenInferencer, PPL, nn.Linear]
name_of = f'{GenInferencer}'
same = GenInferencer is GenInferencer
