import type { LanguagePack } from '../language-pack';
import { en } from './en';

// The languages emails can be written in. Add a language by adding its pack here.
export const LANGUAGE_PACKS = { en } as const satisfies Record<string, LanguagePack>;

export type Language = keyof typeof LANGUAGE_PACKS;

export const LANGUAGES = Object.keys(LANGUAGE_PACKS) as Language[];

export function isLanguage(value: string): value is Language {
  return Object.prototype.hasOwnProperty.call(LANGUAGE_PACKS, value);
}
