from opencompass.datasets import GSM8KDataset
import os

def helper(x):
    return x

datasets = [dict(abbr='a', type=GSM8KDataset)]
