import { existsSync, readFileSync } from 'node:fs';

/** bench/startup.ts owns this section of RESULTS.md; bench/run.ts rewrites the rest and keeps it. */
export const STARTUP_HEADING = '## Start-up';
export const CONFIG_INTERPRETER_HEADING = '## Config interpreter';
/** bench/opencompass-baseline.ts renders this one; `--sizes none` replaces it alone, `--baseline none` keeps it. */
/** Written by hand from a `node --cpu-prof` run; every bench run keeps it. */
export const SUMMARIZE_PROFILE_HEADING = "## Where summarize's time goes";
export const OPENCOMPASS_BASELINE_HEADING = "## Against OpenCompass's summarizer";

/** `markdown` with the `## …` section titled `heading` replaced by `section` (or appended): up to the next `## ` heading. */
export function withSection(markdown: string, heading: string, section: string): string {
  const start = markdown.indexOf(`\n${heading}`);
  const body = section.endsWith('\n') ? section : section + '\n';
  if (start === -1) return markdown.replace(/\n*$/, '\n\n') + body;
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(0, start + 1) + body + (next === -1 ? '' : '\n' + markdown.slice(next + 1));
}

/** The section titled `heading` in the file at `path`, if it has one. */
export function sectionOf(path: string, heading: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const markdown = readFileSync(path, 'utf8');
  const start = markdown.indexOf(`\n${heading}`);
  if (start === -1) return undefined;
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start + 1, next === -1 ? undefined : next + 1).replace(/\n+$/, '\n');
}
