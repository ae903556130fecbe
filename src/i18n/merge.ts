/**
 * Catalogues are split by area (one file per screen family) and deep-merged here, so two areas
 * can both add keys under a shared namespace such as `evaluate` without overwriting each other.
 * A key defined twice with different text is a bug; the merge throws so a test catches it.
 */

type Plain = { readonly [key: string]: string | Plain };

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (
  arg: infer I,
) => void
  ? I
  : never;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: Record<string, unknown>, source: Plain, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    const here = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (existing === undefined) {
      target[key] = isPlain(value) ? mergeObjects({}, value, here) : value;
    } else if (isPlain(existing) && isPlain(value)) {
      mergeInto(existing as Record<string, unknown>, value, here);
    } else if (existing !== value) {
      throw new Error(`i18n key "${here}" is defined twice with different values`);
    }
  }
}

function mergeObjects(target: Record<string, unknown>, source: Plain, path: string) {
  mergeInto(target, source, path);
  return target;
}

export function mergeCatalogues<T extends Plain[]>(...parts: T): UnionToIntersection<T[number]> {
  const result: Record<string, unknown> = {};
  for (const part of parts) mergeInto(result, part, '');
  return result as UnionToIntersection<T[number]>;
}
