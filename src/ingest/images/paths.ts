/**
 * From a file's path inside a zip or a folder to its class label. The class is the top-level
 * sub-folder: `cats/a.png` and `cats/kittens/b.png` are both `cats`. A folder picked in the
 * browser always reports its own name first (`pets/cats/a.png`), and a zip made by compressing
 * a folder wraps everything in it too, so one root folder shared by every file is dropped
 * (unless no file lies deeper than it: then it is the only class).
 */
import type { ImageSkipReason } from '../../contracts/images';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function imageMimeOf(path: string): string | null {
  return MIME_BY_EXTENSION[extensionOf(path)] ?? null;
}

function segmentsOf(path: string): string[] {
  return path
    .replaceAll('\\', '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
}

/** Files a system adds on its own (macOS resource forks, Finder and Explorer metadata). */
export function isSystemFile(path: string): boolean {
  const parts = segmentsOf(path);
  const name = parts.at(-1) ?? '';
  return (
    parts.includes('__MACOSX') ||
    name.startsWith('.') ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini'
  );
}

export type PathPlan =
  | { kind: 'image'; path: string; label: string; mime: string }
  | { kind: 'skip'; path: string; reason: ImageSkipReason };

/**
 * Labels for a whole listing at once, since dropping a shared root folder depends on every
 * path. `alwaysHasRoot` is true for a picked folder, whose first segment is the folder itself.
 * System files are left out silently; everything else gets a plan.
 */
export function planPaths(paths: readonly string[], alwaysHasRoot: boolean): PathPlan[] {
  const kept = paths.filter((path) => !isSystemFile(path));
  const split = kept.map(segmentsOf);
  const first = split[0]?.[0];
  const sharesRoot =
    alwaysHasRoot ||
    (first !== undefined &&
      split.every((parts) => parts.length >= 2 && parts[0] === first) &&
      split.some((parts) => parts.length > 2));
  return kept.map((path, i) => {
    const parts = sharesRoot ? (split[i] ?? []).slice(1) : (split[i] ?? []);
    const ext = extensionOf(path);
    if (ext === 'zip') return { kind: 'skip', path, reason: 'nestedZip' };
    const mime = imageMimeOf(path);
    if (!mime) return { kind: 'skip', path, reason: 'unsupportedType' };
    const label = parts.length >= 2 ? parts[0] : undefined;
    if (label === undefined) return { kind: 'skip', path, reason: 'noClass' };
    return { kind: 'image', path, label, mime };
  });
}
