import { pyFormatFixed } from '@shardwise/core';

/** One bar pair of the chart: a model's score on a dataset and the shard coverage behind it. */
export interface ChartInput {
  model: string;
  dataset: string;
  metric: string | null;
  score: number | null;
  /** Fraction 0..1 of the expected rows that are present in result files. */
  coverage: number;
}

export interface ChartBar {
  label: string;
  y: number;
  scoreWidth: number;
  scoreText: string;
  coverageY: number;
  coverageWidth: number;
  coverageText: string;
  textX: number;
}

export interface ChartGroup {
  dataset: string;
  y: number;
}

export interface ScoreChart {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  scaleMax: string;
  groups: ChartGroup[];
  bars: ChartBar[];
}

const LABEL_WIDTH = 200;
const PLOT_WIDTH = 360;
const TEXT_WIDTH = 230;
const BAR = 12;
const GAP = 4;
const GROUP_HEAD = 20;

/**
 * Lays out a horizontal bar chart: per dataset a heading, per model a score bar (scaled to the
 * largest score, at least 100 so percentages read naturally) and a thin coverage bar under it.
 * Missing or non-finite scores draw no score bar; their text says why.
 */
export function layoutScoreChart(inputs: readonly ChartInput[]): ScoreChart {
  const finite = inputs.map((i) => i.score).filter((s): s is number => s !== null && Number.isFinite(s));
  const max = Math.max(100, ...finite.map((s) => Math.abs(s)));
  const groups: ChartGroup[] = [];
  const bars: ChartBar[] = [];
  let y = 0;
  let current: string | undefined;
  for (const input of inputs) {
    if (input.dataset !== current) {
      current = input.dataset;
      y += GAP;
      groups.push({ dataset: input.dataset, y: y + 14 });
      y += GROUP_HEAD;
    }
    const score = input.score;
    const scoreText = score === null ? 'no score' : `${input.metric ?? 'score'} ${pyFormatFixed(score, 2)}`;
    bars.push({
      label: input.model,
      y,
      scoreWidth: score !== null && Number.isFinite(score) ? round((Math.abs(score) / max) * PLOT_WIDTH) : 0,
      scoreText,
      coverageY: y + BAR + 1,
      coverageWidth: round(input.coverage * PLOT_WIDTH),
      coverageText: `coverage ${pyFormatFixed(input.coverage * 100, 1)}%`,
      textX: LABEL_WIDTH + PLOT_WIDTH + 8,
    });
    y += BAR + 5 + GAP * 2;
  }
  return {
    width: LABEL_WIDTH + PLOT_WIDTH + TEXT_WIDTH,
    height: y + GAP,
    plotX: LABEL_WIDTH,
    plotWidth: PLOT_WIDTH,
    scaleMax: pyFormatFixed(max, 2),
    groups,
    bars,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
