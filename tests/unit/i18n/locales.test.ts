import { describe, expect, it } from 'vitest';
import { isLocale, pickLocale } from '../../../src/i18n/locales';
import { translate } from '../../../src/i18n';

describe('locales', () => {
  it('maps browser languages to a supported locale', () => {
    expect(pickLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(['zh'])).toBe('zh-CN');
    expect(pickLocale(['en-GB'])).toBe('en');
    expect(pickLocale(['de-DE', 'fr'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('recognises only supported locales', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });

  it('translates into both languages and falls back to English', () => {
    expect(translate('en', 'app.tagline')).toMatch(/browser/);
    expect(translate('zh-CN', 'app.tagline')).toMatch(/浏览器/);
  });
});
