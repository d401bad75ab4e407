import type { KeyRule } from '@shardwise/core';
import { bleu } from './bleu.js';
import { cascadeStats } from './cascade-stats.js';
import { correctPercentOfDetails, correctPercentOfRows } from './correct-percent.js';
import { detailsConcatenation } from './details-concatenation.js';
import { genericLlmJudge } from './generic-llmjudge.js';
import { mbppScore } from './mbpp-score.js';
import { opencompassMeta } from './opencompass-meta.js';
import type { Recompute } from './recompute.js';
import { totalCorrectPercent } from './total-correct-percent.js';

/** Every formula the rule table can name (`recompute`), by name. */
export const recomputes: Record<NonNullable<KeyRule['recompute']>, Recompute> = {
  'generic-llmjudge': genericLlmJudge,
  bleu,
  'cascade-stats': cascadeStats,
  'mbpp-score': mbppScore,
  'total-correct-percent': totalCorrectPercent,
  'details-concatenation': detailsConcatenation,
  'opencompass-meta': opencompassMeta,
  'correct-percent-of-rows': correctPercentOfRows,
  'correct-percent-of-details': correctPercentOfDetails,
};
export type { Recompute, RecomputeContext, RecomputeOutcome } from './recompute.js';
