import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendName } from '../../../src/contracts/training';
import {
  BackendUnavailableError,
  BROWSER_BACKENDS,
  selectBackend,
  type BackendEnvironment,
} from '../../../src/ml/backend';

/** A platform where `supported` backends exist and `broken` ones throw when started. */
function fakeEnvironment(
  supported: BackendName[],
  broken: BackendName[] = [],
): BackendEnvironment & { activated: BackendName[] } {
  const activated: BackendName[] = [];
  return {
    activated,
    isSupported: (name) => Promise.resolve(supported.includes(name)),
    activate: (name) => {
      activated.push(name);
      return broken.includes(name)
        ? Promise.reject(new Error(`${name} exploded`))
        : Promise.resolve();
    },
  };
}

describe('selectBackend', () => {
  it('takes the fastest working backend and says why faster ones were skipped', async () => {
    const env = fakeEnvironment(['webgl', 'wasm', 'cpu'], ['webgl']);
    expect(await selectBackend('auto', env)).toEqual({
      name: 'wasm',
      forced: false,
      skipped: [
        { name: 'webgpu', reason: 'notSupported' },
        { name: 'webgl', reason: 'initFailed', detail: 'webgl exploded' },
      ],
    });
    expect(env.activated).toEqual(['webgl', 'wasm']);
  });

  it('tries only a forced backend and marks the others notForced', async () => {
    const env = fakeEnvironment(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(await selectBackend('wasm', env)).toEqual({
      name: 'wasm',
      forced: true,
      skipped: [
        { name: 'webgpu', reason: 'notForced' },
        { name: 'webgl', reason: 'notForced' },
        { name: 'cpu', reason: 'notForced' },
      ],
    });
    expect(env.activated).toEqual(['wasm']);
  });

  it('falls back through the order when the forced backend fails, and says so', async () => {
    const env = fakeEnvironment(['webgl', 'cpu']);
    expect(await selectBackend('webgpu', env)).toEqual({
      name: 'webgl',
      forced: false,
      skipped: [{ name: 'webgpu', reason: 'notSupported' }],
    });
  });

  it('passes over software GPU backends in auto mode, but honours them when forced', async () => {
    const env = {
      ...fakeEnvironment(['webgpu', 'webgl', 'wasm', 'cpu']),
      isSoftware: (name: BackendName) => Promise.resolve(name === 'webgpu' || name === 'webgl'),
    };
    expect(await selectBackend('auto', env)).toEqual({
      name: 'wasm',
      forced: false,
      skipped: [
        { name: 'webgpu', reason: 'softwareRenderer' },
        { name: 'webgl', reason: 'softwareRenderer' },
      ],
    });
    expect((await selectBackend('webgl', env)).name).toBe('webgl');
  });

  it('skips a backend that lacks a kernel the job needs, naming the kernel', async () => {
    await expect(
      selectBackend('auto', fakeEnvironment(['cpu']), ['NoSuchKernelForTests']),
    ).rejects.toThrow(/cpu: NoSuchKernelForTests/);
    // The real registry: the CPU backend has every kernel of a dense network.
    await expect(
      selectBackend('cpu', fakeEnvironment(['cpu']), ['Conv2D', 'BatchMatMul']),
    ).resolves.toMatchObject({ name: 'cpu' });
  });

  it('throws BackendUnavailableError when nothing starts', async () => {
    const env = fakeEnvironment(['cpu'], ['cpu']);
    await expect(selectBackend('auto', env)).rejects.toBeInstanceOf(BackendUnavailableError);
  });

  it('really switches tfjs to the CPU in Node', async () => {
    const report = await selectBackend('cpu', BROWSER_BACKENDS);
    expect(report.name).toBe('cpu');
    expect(report.forced).toBe(true);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('reports the browser-only backends as unsupported in Node', async () => {
    expect(await BROWSER_BACKENDS.isSupported('webgpu')).toBe(false);
    expect(await BROWSER_BACKENDS.isSupported('webgl')).toBe(false);
    expect(await BROWSER_BACKENDS.isSupported('cpu')).toBe(true);
  });
});
