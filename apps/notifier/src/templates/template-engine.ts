// A deliberately tiny template language, enough for emails and safe by default:
//   {{name}}                          a value (HTML-escaped in HTML templates)
//   {{#if name}}…{{else}}…{{/if}}     a section shown when the value is truthy (not nested)
// A name missing from the model is an error, so a typo in a template fails its unit test.
export type TemplateValue = string | number | boolean | null;
export type TemplateModel = Readonly<Record<string, TemplateValue>>;

export type Escaper = (value: string) => string;

const SECTION = /\{\{#if\s+(\w+)\s*\}\}([\s\S]*?)(?:\{\{else\}\}([\s\S]*?))?\{\{\/if\}\}/g;
const VALUE = /\{\{\s*(\w+)\s*\}\}/g;

export class TemplateError extends Error {}

export function renderTemplate(template: string, model: TemplateModel, escape: Escaper): string {
  const withSections = template.replace(
    SECTION,
    (_match, name: string, whenTrue: string, whenFalse: string | undefined) =>
      truthy(lookup(model, name)) ? whenTrue : (whenFalse ?? ''),
  );
  if (/\{\{[#/]|\{\{else\}\}/.test(withSections)) {
    throw new TemplateError('unbalanced or nested {{#if}} section');
  }
  return withSections.replace(VALUE, (_match, name: string) => {
    const value = lookup(model, name);
    return value === null ? '' : escape(String(value));
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

export const noEscape: Escaper = (value) => value;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function lookup(model: TemplateModel, name: string): TemplateValue {
  if (!Object.prototype.hasOwnProperty.call(model, name)) {
    throw new TemplateError(`template uses {{${name}}}, which the model does not provide`);
  }
  return model[name];
}

function truthy(value: TemplateValue): boolean {
  return value !== null && value !== false && value !== '' && value !== 0;
}
