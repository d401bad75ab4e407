import { PyDict, type PyValue } from '@shardwise/core';
import { corpusBleu } from './sacre-bleu.js';
import type { SeededRandom } from './seeded-random.js';

/** Builds a PyDict from an object literal, keeping insertion order (ints as bigint, floats as number). */
export function dict(o: Record<string, PyValue>): PyDict {
  return new PyDict(Object.entries(o));
}

const t = (name: string): PyDict => dict({ type: name });
const ICL = 'opencompass.openicl';

/** One test row of a dataset, with the gold answer the evaluator compares against. */
export interface Row {
  input: string;
  gold: PyValue;
  /** What the evaluator's postprocessed reference is. */
  answer: PyValue;
  /** Dataset-specific fields the predictions need (options, reference sentence, …). */
  extra: Record<string, string | string[]>;
}

/** What one model produced for one row: the predictions-file record and what the evaluator made of it. */
export interface Prediction {
  record: PyDict;
  correct: boolean;
  /** The postprocessed prediction the evaluator scored. */
  pred: string;
}

/** A dataset of the demo config: its dumped config, how rows look, and how its evaluator scores a shard. */
export interface DemoDataset {
  abbr: string;
  size: number;
  config: PyDict;
  rows(rng: SeededRandom): Row[];
  predict(row: Row, skill: number, rng: SeededRandom): Prediction;
  /** The result file OpenCompass's eval task writes for one shard (or the unsplit dataset). */
  result(fileAbbr: string, firstIndex: number, rows: Row[], preds: Prediction[]): PyDict;
  /** What the eval task logs as a WARNING before each result of this dataset, if anything. */
  evalWarning?: string;
}

/** Path A of docs/opencompass.md §2.4 for n == 1: metric as float, details grouped with per-replica lists. */
function detailsResult(metric: string, value: number, subdivision: string, firstIndex: number, rows: Row[], preds: Prediction[]): PyDict {
  const details = preds.map((p, i) =>
    dict({ example_abbr: `${subdivision}_${firstIndex + i}`, pred: [p.pred], answer: [rows[i]!.answer], correct: [p.correct] }),
  );
  return dict({ [metric]: value, details });
}

const correctCount = (preds: Prediction[]): number => preds.filter((p) => p.correct).length;

const genInfer = (prompt: string, maxOutLen: bigint): PyDict =>
  dict({
    inferencer: dict({ max_out_len: maxOutLen, type: `${ICL}.icl_inferencer.GenInferencer` }),
    prompt_template: dict({ template: dict({ round: [dict({ prompt, role: 'HUMAN' })] }), type: `${ICL}.icl_prompt_template.PromptTemplate` }),
    retriever: t(`${ICL}.icl_retriever.ZeroRetriever`),
  });

const fillPrompt = (template: string, value: string): string => template.replace(/\{[a-z_A-Z]+\}/, value);

// ---------------------------------------------------------------- gsm8k: Gsm8kEvaluator, details
const GSM8K_PROMPT = "Question: {question}\nLet's think step by step\nAnswer:";
const NAMES = ['Lena', 'Marco', 'Aiko', 'Priya', 'Tom', 'Sofia', 'Omar', 'Grace', 'Jonas', 'Mei'];
const ITEMS = ['apples', 'stickers', 'marbles', 'books', 'pencils', 'cookies', 'shells', 'cards'];

export const gsm8k: DemoDataset = {
  abbr: 'gsm8k',
  size: 90,
  config: dict({
    abbr: 'gsm8k',
    eval_cfg: dict({
      dataset_postprocessor: t('opencompass.datasets.gsm8k_dataset_postprocess'),
      evaluator: t('opencompass.datasets.Gsm8kEvaluator'),
      pred_postprocessor: t('opencompass.datasets.gsm8k_postprocess'),
    }),
    infer_cfg: genInfer(GSM8K_PROMPT, 512n),
    path: 'opencompass/gsm8k',
    reader_cfg: dict({ input_columns: ['question'], output_column: 'answer' }),
    type: 'opencompass.datasets.GSM8KDataset',
  }),
  rows(rng) {
    return Array.from({ length: this.size }, () => {
      const name = rng.pick(NAMES);
      const item = rng.pick(ITEMS);
      const [a, b] = [rng.int(12, 60), rng.int(3, 25)];
      const c = rng.int(2, a);
      const ans = a + b - c;
      return {
        input: `${name} has ${a} ${item}. ${name} buys ${b} more and then gives ${c} to a friend. How many ${item} does ${name} have now?`,
        gold: `${name} has ${a} + ${b} = <<${a}+${b}=${a + b}>>${a + b} ${item} after buying more.\nAfter giving ${c} away, ${name} has ${a + b} - ${c} = <<${a + b}-${c}=${ans}>>${ans} ${item}.\n#### ${ans}`,
        answer: String(ans),
        extra: { name, item, a: String(a), b: String(b), c: String(c) },
      };
    });
  },
  predict(row, skill, rng) {
    const { name, item, a, b, c } = row.extra as Record<string, string>;
    const correct = rng.chance(skill);
    const sum = Number(a) + Number(b) + (correct ? 0 : rng.pick([-10, -1, 1, 10]));
    const pred = String(sum - Number(c));
    const prediction = ` ${name} starts with ${a} ${item}. After buying ${b} more, ${name} has ${a} + ${b} = ${sum} ${item}. Giving ${c} away leaves ${sum} - ${c} = ${pred}. The answer is ${pred}.\n\nQuestion:`;
    return { record: dict({ origin_prompt: fillPrompt(GSM8K_PROMPT, row.input), prediction, gold: row.gold }), correct: pred === row.answer, pred };
  },
  result(fileAbbr, first, rows, preds) {
    // GSM8KDataset returns a DatasetDict: example_abbr is `<abbr>_test_<idx>`.
    return detailsResult('accuracy', (100 * correctCount(preds)) / preds.length, `${fileAbbr}_test`, first, rows, preds);
  },
};

// ---------------------------------------------------------------- ARC-c: PPL, AccEvaluator, format_details
const LABELS = ['A', 'B', 'C', 'D'] as const;
const TOOLS: Record<string, string> = { length: 'a ruler', mass: 'a balance', temperature: 'a thermometer', volume: 'a graduated cylinder', time: 'a stopwatch' };
const OBJECTS = ['leaf', 'pebble', 'beaker of water', 'toy car', 'candle', 'bean plant', 'ice cube', 'copper wire', 'apple', 'feather', 'magnet', 'glass of juice', 'snail', 'paper cup'];

export const arcC: DemoDataset = {
  abbr: 'ARC-c',
  size: 70,
  config: dict({
    abbr: 'ARC-c',
    eval_cfg: dict({ evaluator: t(`${ICL}.icl_evaluator.AccEvaluator`) }),
    infer_cfg: dict({
      inferencer: t(`${ICL}.icl_inferencer.PPLInferencer`),
      prompt_template: dict({
        template: dict(
          Object.fromEntries(
            LABELS.map((l) => [l, dict({ round: [dict({ prompt: 'Question: {question}\nAnswer: ', role: 'HUMAN' }), dict({ prompt: `{text${l}}`, role: 'BOT' })] })]),
          ),
        ),
        type: `${ICL}.icl_prompt_template.PromptTemplate`,
      }),
      retriever: t(`${ICL}.icl_retriever.ZeroRetriever`),
    }),
    name: 'ARC-Challenge',
    path: 'opencompass/ai2_arc-dev',
    reader_cfg: dict({ input_columns: ['question', 'textA', 'textB', 'textC', 'textD'], output_column: 'answerKey' }),
    type: 'opencompass.datasets.ARCDataset',
  }),
  rows(rng) {
    const quantities = Object.keys(TOOLS);
    return Array.from({ length: this.size }, (_, i) => {
      const quantity = quantities[i % quantities.length]!;
      const object = OBJECTS[Math.floor(i / quantities.length) % OBJECTS.length]!;
      const options = rng.shuffle([TOOLS[quantity]!, ...rng.shuffle(quantities.filter((q) => q !== quantity)).slice(0, 3).map((q) => TOOLS[q]!)]);
      const key = LABELS[options.indexOf(TOOLS[quantity]!)]!;
      return { input: `A student wants to find the ${quantity} of a ${object}. Which tool should the student use?`, gold: key, answer: key, extra: { options } };
    });
  },
  predict(row, skill, rng) {
    const options = row.extra['options'] as string[];
    const correct = rng.chance(skill);
    const chosen = correct ? (row.gold as string) : rng.pick(LABELS.filter((l) => l !== row.gold));
    const record = dict({ 'in-context examples': '' });
    const ppls = LABELS.map((l) => Math.fround(l === chosen ? 1.6 + rng.next() : 2.7 + 2 * rng.next()));
    LABELS.forEach((l, i) => {
      const prompt = `Question: ${row.input}\nAnswer: ${options[i]}`;
      if (i === 0) record.set('origin_prompt', prompt);
      record.set(`label: ${l}`, dict({ 'testing input': prompt, prompt, PPL: ppls[i]! }));
    });
    record.set('prediction', chosen);
    record.set('gold', row.gold);
    return { record, correct, pred: chosen };
  },
  result(_fileAbbr, _first, rows, preds) {
    // AccEvaluator returns no details (path B); the eval task adds format_details' PPL dict.
    const details = dict({ type: 'PPL' });
    preds.forEach((p, i) => {
      const origin = dict({});
      for (const [k, v] of p.record) {
        if (k === 'in-context examples' || k === 'prediction') continue;
        const label = String(k).startsWith('label: ') ? String(k).slice(7) : undefined;
        if (label && v instanceof PyDict) origin.set(label, dict({ prompt: v.get('prompt')!, PPL: v.get('PPL')! }));
        else origin.set(k, v);
      }
      details.set(String(i), dict({ origin_prediction: origin, predictions: p.pred, references: String(rows[i]!.answer), correct: p.correct }));
    });
    return dict({ accuracy: (correctCount(preds) / preds.length) * 100, details });
  },
};

// ---------------------------------------------------------------- flores: BleuEvaluator (corpus metric)
const FLORES_PROMPT = 'Translate the following English statements to German.\nEnglish: {sentence_eng_Latn}\nGerman:';
const SUBJECTS: [string, string][] = [['The dog', 'Der Hund'], ['The cat', 'Die Katze'], ['The child', 'Das Kind'], ['The teacher', 'Der Lehrer'], ['The doctor', 'Die Ärztin'], ['My neighbour', 'Mein Nachbar'], ['The baker', 'Der Bäcker'], ['Our grandmother', 'Unsere Großmutter']];
const VERBS: [string, string][] = [['reads a book', 'liest ein Buch'], ['drinks cold water', 'trinkt kaltes Wasser'], ['plays in the garden', 'spielt im Garten'], ['sleeps on the sofa', 'schläft auf dem Sofa'], ['walks to the station', 'geht zum Bahnhof'], ['writes a long letter', 'schreibt einen langen Brief']];
const TIMES: [string, string][] = [['today', 'heute'], ['every morning', 'jeden Morgen'], ['in the evening', 'am Abend'], ['on Sunday', 'am Sonntag'], ['after lunch', 'nach dem Mittagessen']];
const NOISE = ['sehr', 'oft', 'dort', 'nicht', 'einen', 'gern', 'schon'];

export const flores: DemoDataset = {
  abbr: 'flores_100_eng-deu',
  size: 40,
  config: dict({
    abbr: 'flores_100_eng-deu',
    eval_cfg: dict({ evaluator: t(`${ICL}.icl_evaluator.BleuEvaluator`), pred_role: 'BOT' }),
    infer_cfg: genInfer(FLORES_PROMPT, 256n),
    name: 'eng_Latn-deu_Latn',
    path: 'opencompass/flores',
    reader_cfg: dict({ input_columns: ['sentence_eng_Latn'], output_column: 'sentence_deu_Latn', test_split: 'devtest', train_split: 'dev' }),
    type: 'opencompass.datasets.FloresFirst100Dataset',
  }),
  rows(rng) {
    return Array.from({ length: this.size }, () => {
      const [s, v, w] = [rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(TIMES)];
      const german = `${s[1]} ${v[1].split(' ')[0]} ${w[1]} ${v[1].split(' ').slice(1).join(' ')}`.trim();
      return { input: `${s[0]} ${v[0]} ${w[0]}`, gold: german, answer: german, extra: {} };
    });
  },
  predict(row, skill, rng) {
    const words = (row.gold as string).split(' ').flatMap((w) => (rng.chance(skill) ? [w] : rng.chance(0.5) ? [] : [rng.pick(NOISE)]));
    const pred = (words.length ? words : (row.gold as string).split(' ').slice(0, 1)).join(' ');
    return { record: dict({ origin_prompt: fillPrompt(FLORES_PROMPT, row.input), prediction: ` ${pred}\nEnglish:`, gold: row.gold }), correct: pred === row.gold, pred };
  },
  result(_fileAbbr, _first, rows, preds) {
    const bleu = corpusBleu(
      preds.map((p) => p.pred),
      rows.map((r) => r.gold as string),
    );
    if (bleu.counts.some((c) => c === 0)) throw new Error('demo BLEU shard without 4-gram matches: change the seed');
    const ints = (xs: number[]) => xs.map((x) => BigInt(x));
    const details = dict({ type: 'GEN' });
    preds.forEach((p, i) =>
      details.set(String(i), dict({ prompt: p.record.get('origin_prompt')!, origin_prediction: p.record.get('prediction')!, predictions: p.pred, references: rows[i]!.gold })),
    );
    // BleuEvaluator gives no details (path B): the metric dict is saved as the evaluator returned it.
    return dict({
      score: bleu.score,
      counts: ints(bleu.counts),
      totals: ints(bleu.totals),
      precisions: bleu.precisions,
      bp: bleu.bp,
      sys_len: BigInt(bleu.sys_len),
      ref_len: BigInt(bleu.ref_len),
      details,
    });
  },
};

// ---------------------------------------------------------------- civil_comments: CLPInferencer, AUCROCEvaluator (cannot be merged)
const CIVIL_PROMPT = 'Text: {text}\nQuestion: Does the above text contain rude, hateful, aggressive, disrespectful or unreasonable language?\nAnswer:';
const CIVIL_CHOICES = ['no', 'yes'];
const TOPICS = ['the new bike lanes', 'the school budget', 'the stadium vote', 'the water rates', 'the library hours', 'the bus strike', 'the zoning plan', 'the mayor\'s speech'];
const CIVIL_OPENERS = ['Thanks for covering', 'I appreciate the reporting on', 'Good to finally read about', 'I respectfully disagree with the editorial on', 'Could someone explain the numbers behind'];
const CIVIL_CLOSERS = ['Looking forward to the council meeting.', 'Well researched, as always.', 'Both sides make fair points here.', 'We need more facts before deciding.'];
const RUDE_OPENERS = ['Only an idiot would support', 'What a pathetic joke', 'Whoever wrote this garbage about', 'Shut up already about'];
const RUDE_CLOSERS = ['These clowns should all be fired.', 'Stupid people, stupid ideas.', 'Get lost, you morons.', 'Typical brainless nonsense.'];

/** ROC AUC (0-1) as sklearn's roc_auc_score defines it: the share of (positive, negative) pairs ranked right, ties half. */
function rocAuc(labels: boolean[], scores: number[]): number {
  let right = 0;
  let pairs = 0;
  labels.forEach((pos, i) => {
    if (!pos) return;
    labels.forEach((neg, j) => {
      if (neg) return;
      pairs++;
      right += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  if (!pairs) throw new Error('demo AUC shard with one class only (sklearn raises ValueError): change the seed');
  return right / pairs;
}

export const civilComments: DemoDataset = {
  abbr: 'civil_comments',
  size: 60,
  config: dict({
    abbr: 'civil_comments',
    eval_cfg: dict({ evaluator: t(`${ICL}.icl_evaluator.AUCROCEvaluator`) }),
    infer_cfg: dict({
      inferencer: t(`${ICL}.icl_inferencer.CLPInferencer`),
      prompt_template: dict({ template: CIVIL_PROMPT, type: `${ICL}.icl_prompt_template.PromptTemplate` }),
      retriever: t(`${ICL}.icl_retriever.ZeroRetriever`),
    }),
    path: 'civil_comments',
    reader_cfg: dict({ input_columns: ['text'], output_column: 'label', test_split: 'test', train_split: 'test' }),
    type: 'opencompass.datasets.CivilCommentsDataset',
  }),
  rows(rng) {
    return Array.from({ length: this.size }, () => {
      const rude = rng.chance(0.35);
      const text = `${rng.pick(rude ? RUDE_OPENERS : CIVIL_OPENERS)} ${rng.pick(TOPICS)}. ${rng.pick(rude ? RUDE_CLOSERS : CIVIL_CLOSERS)}`;
      // CivilCommentsDataset: label = int(toxicity >= 0.5).
      return { input: text, gold: rude ? 1n : 0n, answer: rude ? 1n : 0n, extra: {} };
    });
  },
  predict(row, skill, rng) {
    // A softmax over the two choice tokens, computed in float32 by torch and saved with .tolist().
    const margin = (row.gold === 1n ? 1 : -1) * 3 * skill + 6 * (rng.next() - 0.5) - 0.8;
    const yes = Math.fround(1 / (1 + Math.exp(-margin)));
    const no = Math.fround(1 - yes);
    const prompt = fillPrompt(CIVIL_PROMPT, row.input);
    const predLabel = yes > no ? 1n : 0n;
    const record = dict({ 'in-context examples': '', 'testing input': prompt, prompt, choices: CIVIL_CHOICES, prediction: [no, yes], pred_label: predLabel, gold: row.gold });
    return { record, correct: predLabel === row.gold, pred: String(predLabel) };
  },
  result(_fileAbbr, _first, rows, preds) {
    // AUCROCEvaluator returns no details (path B) and format_details fails on CLP records (no origin_prompt): no details.
    const auc = rocAuc(
      rows.map((r) => r.gold === 1n),
      preds.map((p) => (p.record.get('prediction') as number[])[1]!),
    );
    return dict({ auc_score: auc * 100, accuracy: (correctCount(preds) / preds.length) * 100 });
  },
  evalWarning: "Skip dumping details due to: 'origin_prompt'.",
};

// ---------------------------------------------------------------- math_prm800k_500: MATHEvaluator, details
const MATH_PROMPT = '{problem}\nPlease reason step by step, and put your final answer within \\boxed{}.';

export const mathPrm800k500: DemoDataset = {
  abbr: 'math_prm800k_500',
  size: 50,
  config: dict({
    abbr: 'math_prm800k_500',
    eval_cfg: dict({ evaluator: dict({ type: 'opencompass.datasets.MATHEvaluator', version: 'v2' }), pred_postprocessor: t('opencompass.datasets.math_postprocess_v2') }),
    infer_cfg: genInfer(MATH_PROMPT, 1024n),
    file_name: 'test_prm800k_500.json',
    path: 'opencompass/math',
    reader_cfg: dict({ input_columns: ['problem'], output_column: 'solution' }),
    type: 'opencompass.datasets.MATHDataset',
  }),
  rows(rng) {
    return Array.from({ length: this.size }, (_, i) => {
      if (i % 2 === 0) {
        const [a, x, b] = [rng.int(2, 9), rng.int(-12, 15), rng.int(1, 30)];
        return {
          input: `Solve for $x$: $${a}x + ${b} = ${a * x + b}$.`,
          gold: `Subtracting ${b} from both sides gives $${a}x = ${a * x}$, so $x = \\boxed{${x}}$.`,
          answer: String(x),
          extra: {},
        };
      }
      const n = rng.int(5, 40);
      return { input: `Compute $\\dbinom{${n}}{2}$.`, gold: `$\\dbinom{${n}}{2} = \\frac{${n} \\cdot ${n - 1}}{2} = \\boxed{${(n * (n - 1)) / 2}}$.`, answer: String((n * (n - 1)) / 2), extra: {} };
    });
  },
  predict(row, skill, rng) {
    const correct = rng.chance(skill);
    const pred = correct ? (row.answer as string) : String(Number(row.answer) + rng.pick([-2, -1, 1, 3]));
    return { record: dict({ origin_prompt: fillPrompt(MATH_PROMPT, row.input), prediction: ` Working through the algebra carefully, the result is $\\boxed{${pred}}$.`, gold: row.gold }), correct, pred };
  },
  result(fileAbbr, first, rows, preds) {
    // MATHDataset returns a DatasetDict: example_abbr is `<abbr>_test_<idx>`.
    return detailsResult('accuracy', (100 * correctCount(preds)) / preds.length, `${fileAbbr}_test`, first, rows, preds);
  },
};

// ---------------------------------------------------------------- nq: 16 rows, stays unsplit (S <= min_task_size)
const NQ_PROMPT = 'Question: {question}?\nAnswer: ';
const NQ_FACTS: [string, string[]][] = [
  ['what is the capital city of australia', ['Canberra']],
  ['who wrote the novel pride and prejudice', ['Jane Austen']],
  ['what is the largest planet in the solar system', ['Jupiter']],
  ['in which year did the berlin wall fall', ['1989']],
  ['what is the chemical symbol for gold', ['Au']],
  ['who painted the mona lisa', ['Leonardo da Vinci', 'Leonardo']],
  ['how many bones are in the adult human body', ['206']],
  ['what is the longest river in africa', ['the Nile', 'Nile']],
  ['who developed the theory of general relativity', ['Albert Einstein', 'Einstein']],
  ['what is the smallest prime number', ['2', 'two']],
  ['which element has the atomic number 1', ['hydrogen']],
  ['what language is spoken in brazil', ['Portuguese']],
  ['who was the first person to walk on the moon', ['Neil Armstrong']],
  ['what is the freezing point of water in fahrenheit', ['32 degrees', '32']],
  ['which ocean lies between africa and australia', ['the Indian Ocean', 'Indian Ocean']],
  ['what is the hardest natural substance', ['diamond']],
];
const normalize = (s: string): string => s.toLowerCase().replace(/\b(a|an|the)\b/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();

export const nq: DemoDataset = {
  abbr: 'nq',
  size: NQ_FACTS.length,
  config: dict({
    abbr: 'nq',
    eval_cfg: dict({ evaluator: t('opencompass.datasets.NQEvaluator'), pred_role: 'BOT' }),
    infer_cfg: genInfer(NQ_PROMPT, 50n),
    path: 'opencompass/natural_question',
    reader_cfg: dict({ input_columns: ['question'], output_column: 'answer', train_split: 'test' }),
    type: 'opencompass.datasets.NaturalQuestionDataset',
  }),
  rows() {
    return NQ_FACTS.map(([q, answers]) => ({ input: q, gold: answers, answer: answers.map(normalize), extra: { answers } }));
  },
  predict(row, skill, rng) {
    const answers = row.extra['answers'] as string[];
    const correct = rng.chance(skill);
    const text = correct ? answers[0]! : rng.pick(['Sydney', 'Charles Dickens', 'Saturn', '1991', 'Ag', 'Michelangelo', '212', 'the Congo']);
    const pred = normalize(text);
    return { record: dict({ origin_prompt: fillPrompt(NQ_PROMPT, row.input), prediction: `${text}\nQuestion: who`, gold: row.gold }), correct: (row.answer as string[]).includes(pred), pred };
  },
  result(fileAbbr, first, rows, preds) {
    // NaturalQuestionDataset returns a DatasetDict; NQEvaluator computes cnt / N * 100.
    return detailsResult('score', (correctCount(preds) / preds.length) * 100, `${fileAbbr}_test`, first, rows, preds);
  },
};

/**
 * Config order: it decides chunk order, hence which shards share an eval task. civil_comments (4 chunks)
 * sits before math_prm800k_500 so every later chunk keeps its task and math_prm800k_500_2 stays the last
 * chunk of its eval task: the crash there leaves exactly one shard missing.
 */
export const DEMO_DATASETS: DemoDataset[] = [gsm8k, arcC, flores, civilComments, mathPrm800k500, nq];
