from mmengine.config import read_base

with read_base():
    from .base import ds

# addict's __or__ builds an addict Dict, not a ConfigDict: refused rather than guessed.
merged = ds | dict(note='n')
