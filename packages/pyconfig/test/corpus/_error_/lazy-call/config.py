from opencompass.openicl.icl_inferencer import GenInferencer

inferencer = GenInferencer(max_out_len=10)
