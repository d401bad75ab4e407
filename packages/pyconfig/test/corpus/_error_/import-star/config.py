from opencompass.openicl.icl_inferencer import GenInferencer
from opencompass.datasets import *
