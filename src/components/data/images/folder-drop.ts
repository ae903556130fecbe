/**
 * What a drop or a directory picker hands over, turned into an image source: one folder (its
 * sub-folders are classes), several folders dropped together (each one a class), or a .zip.
 * Drop entries must be taken synchronously inside the drop event; walking them is async.
 */

export type PickedImages =
  | { kind: 'zip'; file: File }
  | { kind: 'folder'; name: string; files: { path: string; file: File }[] };

/** Name of the synthetic root when several folders are dropped at once. */
const MULTI_ROOT = 'images';

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries answers in batches (100 in Chromium) until it returns an empty one.
    const next = (): void =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(
  entry: FileSystemEntry,
  path: string,
  out: { path: string; file: File }[],
): Promise<void> {
  if (entry.isFile) {
    out.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    return;
  }
  const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
  for (const child of children) await walk(child, `${path}/${child.name}`, out);
}

function isZip(file: File): boolean {
  return file.name.toLowerCase().endsWith('.zip');
}

/** Call from the drop handler itself: the entries vanish once the event is over. */
export function takeDrop(transfer: DataTransfer | null): Promise<PickedImages | null> {
  if (!transfer) return Promise.resolve(null);
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const folders = entries.filter((entry) => entry.isDirectory);
  const zip = [...transfer.files].find(isZip);
  return (async () => {
    if (folders.length === 0) return zip ? { kind: 'zip', file: zip } : null;
    const files: { path: string; file: File }[] = [];
    const single = folders.length === 1 ? folders[0] : undefined;
    if (single) await walk(single, single.name, files);
    else for (const folder of folders) await walk(folder, `${MULTI_ROOT}/${folder.name}`, files);
    return { kind: 'folder', name: single?.name ?? MULTI_ROOT, files };
  })();
}

/** Files from `<input webkitdirectory>`: each has a path that starts with the folder's name. */
export function fromDirectoryInput(list: FileList | null): PickedImages | null {
  const files = [...(list ?? [])].map((file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
  const first = files[0];
  if (!first) return null;
  return { kind: 'folder', name: first.path.split('/')[0] ?? first.path, files };
}
