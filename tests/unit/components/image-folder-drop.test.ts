import { describe, expect, it } from 'vitest';
import { fromDirectoryInput, takeDrop } from '../../../src/components/data/images/folder-drop';

function file(name: string, relative = ''): File {
  const made = new File(['x'], name);
  Object.defineProperty(made, 'webkitRelativePath', { value: relative });
  return made;
}

/** A FileSystemEntry tree as Chromium hands it over, reading directories in batches of 2. */
function dir(name: string, children: object[]): object {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let at = 0;
      return {
        readEntries(done: (batch: object[]) => void) {
          const batch = children.slice(at, at + 2);
          at += 2;
          setTimeout(() => done(batch), 0);
        },
      };
    },
  };
}

function leaf(name: string): object {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (done: (f: File) => void) => done(file(name)),
  };
}

function transfer(entries: object[], files: File[] = []): DataTransfer {
  return {
    items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer;
}

describe('folder-drop', () => {
  it('reads a directory input with its relative paths', () => {
    const list = [file('a.png', 'pets/cats/a.png'), file('b.png', 'pets/dogs/b.png')];
    const picked = fromDirectoryInput(list as unknown as FileList);
    expect(picked).toMatchObject({ kind: 'folder', name: 'pets' });
    expect(picked?.kind === 'folder' && picked.files.map((f) => f.path)).toEqual([
      'pets/cats/a.png',
      'pets/dogs/b.png',
    ]);
    expect(fromDirectoryInput(null)).toBeNull();
  });

  it('walks one dropped folder through every batch of entries', async () => {
    const tree = dir('pets', [
      dir('cats', [leaf('1.png'), leaf('2.png'), leaf('3.png')]),
      dir('dogs', [leaf('4.png')]),
    ]);
    const picked = await takeDrop(transfer([tree]));
    expect(picked?.kind === 'folder' && picked.files.map((f) => f.path)).toEqual([
      'pets/cats/1.png',
      'pets/cats/2.png',
      'pets/cats/3.png',
      'pets/dogs/4.png',
    ]);
  });

  it('makes each of several dropped folders a class, and takes a dropped zip', async () => {
    const several = await takeDrop(
      transfer([dir('cats', [leaf('1.png')]), dir('dogs', [leaf('2.png')])]),
    );
    expect(several?.kind === 'folder' && several.files.map((f) => f.path)).toEqual([
      'images/cats/1.png',
      'images/dogs/2.png',
    ]);
    const zip = file('set.zip');
    expect(await takeDrop(transfer([leaf('set.zip')], [zip]))).toEqual({ kind: 'zip', file: zip });
    expect(await takeDrop(transfer([leaf('notes.txt')], [file('notes.txt')]))).toBeNull();
    expect(await takeDrop(null)).toBeNull();
  });
});
