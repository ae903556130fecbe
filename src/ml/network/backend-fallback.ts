/**
 * The backend that takes over after a GPU device is lost mid-run: the fastest of those left
 * (the lost ones count as unsupported), with the lost ones reported as `deviceLost`.
 */
import type { BackendName, BackendReport } from '../../contracts/training';
import { BackendUnavailableError, selectBackend, type BackendEnvironment } from '../backend';

export async function backendAfterLoss(
  environment: BackendEnvironment,
  lost: ReadonlySet<BackendName>,
  kernels: readonly string[],
): Promise<BackendReport | null> {
  const without: BackendEnvironment = {
    ...environment,
    isSupported: async (name) => !lost.has(name) && (await environment.isSupported(name)),
  };
  try {
    const report = await selectBackend('auto', without, kernels);
    return {
      ...report,
      skipped: report.skipped.map((skip) =>
        lost.has(skip.name) ? { name: skip.name, reason: 'deviceLost' } : skip,
      ),
    };
  } catch (error) {
    if (error instanceof BackendUnavailableError) return null;
    throw error;
  }
}
