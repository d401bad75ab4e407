from opencompass.summarizers import DefaultSummarizer

class SciSummarizer(DefaultSummarizer):
    pass
