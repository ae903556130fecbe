/**
 * The content hash that names imported data in a link. It is taken over the app's own CSV
 * export of the stored dataset, not the original file (which is not kept): the sender and the
 * recipient both hash what their import made of the file, so the same file imported the same
 * way gives the same hash on any machine.
 */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
