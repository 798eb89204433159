import { LANGUAGE_PACKS, type Language } from './languages';
import { isPersonalNoticeKind, type NoticeKind } from './notice-kind';
import { escapeHtml, noEscape, renderTemplate, type TemplateModel } from './template-engine';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const CONTENT = '[[content]]';

// Renders one email in the account's language: the kind's template inside the language's layout.
// Account notices' models must provide settingsUrl (their footer links to the notification settings).
export function renderEmail(options: {
  language: Language;
  kind: NoticeKind;
  model: TemplateModel;
}): RenderedEmail {
  const pack = LANGUAGE_PACKS[options.language];
  const template = pack.templates[options.kind];
  const subject = renderTemplate(template.subject, options.model, noEscape).replace(/\s+/g, ' ').trim();
  const layoutModel = { subject, settingsUrl: options.model.settingsUrl ?? null };
  const layout = isPersonalNoticeKind(options.kind) ? pack.personalLayout : pack.layout;
  const html = wrap(
    renderTemplate(layout.html, layoutModel, escapeHtml),
    renderTemplate(template.html, options.model, escapeHtml),
  );
  const text = wrap(
    renderTemplate(layout.text, layoutModel, noEscape),
    renderTemplate(template.text, options.model, noEscape).trim(),
  );
  return { subject, html, text };
}

function wrap(layout: string, content: string): string {
  const at = layout.indexOf(CONTENT);
  return at < 0 ? content : layout.slice(0, at) + content + layout.slice(at + CONTENT.length);
}
