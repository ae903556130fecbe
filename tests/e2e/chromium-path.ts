/** Where the e2e suite finds the system Chromium (playwright-core never downloads one). */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const MISSING_CHROMIUM_MESSAGE =
  `Chromium not found at ${CHROMIUM_PATH}: install it with ` +
  '`sudo apt-get install -y chromium` (Debian) or set CHROMIUM_PATH';

/** Throws the message people need when the browser is missing, before any test starts. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(MISSING_CHROMIUM_MESSAGE);
}
