/** Typed context helpers: each state class gets a setter (App) and a getter (components). */
import { getContext, setContext } from 'svelte';

export function createContext<T>(name: string): [get: () => T, set: (value: T) => T] {
  const key = Symbol(name);
  return [
    () => {
      const value = getContext<T | undefined>(key);
      if (value === undefined) throw new Error(`${name} context missing: App must set it`);
      return value;
    },
    (value: T) => setContext(key, value),
  ];
}
