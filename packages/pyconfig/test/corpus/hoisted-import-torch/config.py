from opencompass.models import HuggingFaceCausalLM
import torch
import transformers.models

models = [dict(type=HuggingFaceCausalLM, torch_dtype=torch.float16, cls=transformers.models.AutoModel)]
order = [k for k in globals()]
