/** The languages of the texts a person reads: Chinese by default, English on request; ids and codes stay English. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Whether a value names one of the languages. */
export const isLang = (value: unknown): value is Lang => value === 'zh' || value === 'en';

/** The text in the reader's language. */
export const say = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);
