import type { NoticeKind } from './notice-kind';

export interface EmailTemplate {
  // Plain text on one line; values are not escaped.
  subject: string;
  // The body inside the layout; values are HTML-escaped.
  html: string;
  text: string;
}

// Everything language-specific about the emails. Adding a language is adding one file like
// languages/en.ts and listing it in languages/index.ts; the type makes sure no kind is missing.
export interface LanguagePack {
  // BCP 47 locale for numbers and dates.
  locale: string;
  // Wraps every body; [[content]] marks where it goes. Values available: subject, settingsUrl.
  layout: { html: string; text: string };
  // Wraps emails about a person's own sign-in (invitations, password resets). Values: subject.
  personalLayout: { html: string; text: string };
  creditSources: Record<'purchase' | 'subscription' | 'auto_topup' | 'goodwill' | 'adjustment', string>;
  templates: Record<NoticeKind, EmailTemplate>;
}
