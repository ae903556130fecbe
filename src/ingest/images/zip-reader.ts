/**
 * Reads a zip archive from a Blob one entry at a time: the central directory first (from the
 * end of the file), then each entry's bytes by slicing the Blob through a window of a few
 * megabytes (entries are read in file order, so one read serves many small images), so memory
 * holds a window and one entry, not the archive. Sizes come from the central directory and are checked against the limits before
 * anything is inflated; inflation writes into a buffer of the declared size, so an entry that
 * lies about its size cannot grow past it, and its CRC-32 then fails to match.
 *
 * Supports stored and deflated entries; ZIP64 and encrypted archives are refused.
 */
import { inflateSync } from 'fflate';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
/** The end record sits within its own size plus a comment of up to 65,535 bytes. */
const EOCD_SEARCH_BYTES = EOCD_MIN_BYTES + 0xffff;
const LOCAL_HEADER_BYTES = 30;
const ZIP64_MARKER = 0xffffffff;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
  isDirectory: boolean;
  isEncrypted: boolean;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
  constructor(readonly reason: 'notZip' | 'zip64' | 'encrypted' | 'corrupt') {
    super(`zip: ${reason}`);
  }
}

async function readBytes(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

function findEndRecord(tail: Uint8Array): number {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let i = tail.length - EOCD_MIN_BYTES; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

/** Bytes read from the Blob at once; each read is an async round trip to the file. */
export const ZIP_WINDOW_BYTES = 4 * 1024 * 1024;

/** Serves byte ranges of a Blob from the last window read, reading a new one on a miss. */
export class ZipWindow {
  #start = 0;
  #bytes: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly blob: Blob,
    private readonly windowBytes = ZIP_WINDOW_BYTES,
  ) {}

  async read(start: number, end: number): Promise<Uint8Array> {
    const stop = Math.min(end, this.blob.size);
    if (start < this.#start || stop > this.#start + this.#bytes.length) {
      this.#start = start;
      this.#bytes = await readBytes(this.blob, start, Math.max(stop, start + this.windowBytes));
    }
    return this.#bytes.subarray(start - this.#start, stop - this.#start);
  }
}

const utf8 = new TextDecoder('utf-8');
// Names without the UTF-8 flag are CP437 by the spec; Latin-1 keeps ASCII names exact and
// never throws on other bytes.
const latin1 = new TextDecoder('latin1');

/** Lists the archive's entries from its central directory. */
export async function readZipDirectory(blob: Blob): Promise<ZipEntry[]> {
  if (blob.size < EOCD_MIN_BYTES) throw new ZipFormatError('notZip');
  const tailStart = Math.max(0, blob.size - EOCD_SEARCH_BYTES);
  const tail = await readBytes(blob, tailStart, blob.size);
  const at = findEndRecord(tail);
  if (at < 0) throw new ZipFormatError('notZip');
  const end = new DataView(tail.buffer, tail.byteOffset + at, EOCD_MIN_BYTES);
  const count = end.getUint16(10, true);
  const directorySize = end.getUint32(12, true);
  const directoryOffset = end.getUint32(16, true);
  if (count === 0xffff || directoryOffset === ZIP64_MARKER) throw new ZipFormatError('zip64');
  if (directoryOffset + directorySize > blob.size) throw new ZipFormatError('corrupt');
  const directory = await readBytes(blob, directoryOffset, directoryOffset + directorySize);
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > directory.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('corrupt');
    }
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const localOffset = view.getUint32(offset + 42, true);
    if ([compressedSize, size, localOffset].includes(ZIP64_MARKER)) {
      throw new ZipFormatError('zip64');
    }
    const nameBytes = directory.subarray(offset + 46, offset + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      compressedSize,
      size,
      crc: view.getUint32(offset + 16, true),
      localOffset,
      isDirectory: name.endsWith('/'),
      isEncrypted: (flags & 1) === 1,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The entry's uncompressed bytes, or null when they are damaged (bad header, unknown method,
 * inflate error, CRC mismatch). Callers check sizes against their limits first.
 */
export async function readZipEntry(
  blob: Blob,
  entry: ZipEntry,
  window = new ZipWindow(blob, 0),
): Promise<Uint8Array | null> {
  if (entry.isEncrypted) throw new ZipFormatError('encrypted');
  const header = await window.read(entry.localOffset, entry.localOffset + LOCAL_HEADER_BYTES);
  if (header.length < LOCAL_HEADER_BYTES) return null;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== LOCAL_SIGNATURE) return null;
  const dataStart =
    entry.localOffset + LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
  const data = await window.read(dataStart, dataStart + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  let bytes: Uint8Array;
  if (entry.method === 0) {
    bytes = data;
  } else if (entry.method === 8) {
    try {
      bytes = inflateSync(data, { out: new Uint8Array(entry.size) });
    } catch {
      return null;
    }
  } else {
    return null;
  }
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) return null;
  return bytes;
}
