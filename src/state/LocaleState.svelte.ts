/**
 * The UI language as a rune class. `t()` reads `current`, so every template that translates
 * re-renders when the language changes. The choice persists in localStorage; the first visit
 * follows the browser's language.
 */
import { getContext, setContext } from 'svelte';
import { translate, type TranslateParams } from '../i18n';
import { isLocale, pickLocale, type Locale } from '../i18n/locales';

const STORAGE_KEY = 'fitlab.locale';
const CONTEXT_KEY = Symbol('locale');

export class LocaleState {
  #current = $state<Locale>('en');

  constructor(initial?: Locale) {
    this.#current = initial ?? LocaleState.#detect();
    LocaleState.#applyToDocument(this.#current);
  }

  get current(): Locale {
    return this.#current;
  }

  set(locale: Locale): void {
    this.#current = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for the visit.
    }
    LocaleState.#applyToDocument(locale);
  }

  t = (key: string, params?: TranslateParams): string => translate(this.#current, key, params);

  static #detect(): Locale {
    try {
      const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
      if (isLocale(saved)) return saved;
    } catch {
      // fall through to the browser language
    }
    const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
    return pickLocale(languages);
  }

  static #applyToDocument(locale: Locale): void {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }
}

export function setLocaleContext(state: LocaleState): LocaleState {
  return setContext(CONTEXT_KEY, state);
}

export function getLocaleContext(): LocaleState {
  const state = getContext<LocaleState | undefined>(CONTEXT_KEY);
  if (!state) throw new Error('LocaleState context missing: App must call setLocaleContext');
  return state;
}
