// Japanese first, English available. Text lives beside the code that shows it as { ja, en } pairs,
// so a missing translation is a type error rather than a blank on the page.
export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

export interface Text {
  ja: string;
  en: string;
}

export function pick(lang: Lang, text: Text): string {
  return text[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

/** The language of a request: the `lang` cookie, else Japanese. */
export function langOf(cookies: Record<string, string | undefined>): Lang {
  const cookie = cookies.lang;
  return isLang(cookie) ? cookie : 'ja';
}
