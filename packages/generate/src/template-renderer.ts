import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { pyStrRepr, templatesDir } from '@shardwise/core';

/**
 * One isolated Handlebars environment for every shardwise template (`templates/*.hbs`).
 * `escape: 'html'` keeps Handlebars' HTML escaping of `{{…}}`; `'none'` is for formats whose
 * escaping the view model does itself (Markdown, Python source).
 */
export type TemplateEscape = 'html' | 'none';

const env = Handlebars.create();
env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
env.registerHelper('json', (v: unknown) => JSON.stringify(v));
env.registerHelper('pyStr', (v: string) => pyStrRepr(v));

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders `templates/<name>` with `view`. Templates are compiled once per process. */
export function renderTemplate(name: string, view: unknown, escape: TemplateEscape): string {
  const key = `${escape}:${name}`;
  let template = cache.get(key);
  if (!template) {
    const source = readFileSync(join(templatesDir(), name), 'utf8');
    template = env.compile(source, { noEscape: escape === 'none', strict: true, preventIndent: true });
    cache.set(key, template);
  }
  return template(view);
}
