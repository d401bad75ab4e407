mode = 'gen'
if mode == 'ppl':
    infer_type = 'PPLInferencer'
elif mode == 'gen':
    infer_type = 'GenInferencer'
else:
    infer_type = None
with_circular = True
name = 'single_choice_cn'
evaluator = 'CircularEvaluator' if 'choice' in name and with_circular else 'AccEvaluator'
flag = None
result = flag or 'default'
both = 0 and 'never'
either = '' or [] or 'last'
if __name__ == '__main__':
    dead = True
main_name = __name__
