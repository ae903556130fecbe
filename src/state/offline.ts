/**
 * Registers the service worker that vite-plugin-pwa generates (`sw.js` beside index.html), so
 * the app works offline after the first visit. Only in a build: the dev server has no service
 * worker, and one there would serve stale modules. A browser without service workers,
 * or one that refuses them (private windows, file://), simply stays online-only.
 */
export async function registerOfflineWorker(baseUrl: string): Promise<boolean> {
  // `import.meta.hot` exists only under the dev server (a build, whatever NODE_ENV the test
  // runner set, replaces it with undefined), so every built copy registers the worker.
  if (import.meta.hot || !('serviceWorker' in navigator)) return false;
  try {
    await navigator.serviceWorker.register(new URL('sw.js', baseUrl).href, {
      scope: new URL('./', baseUrl).href,
    });
    return true;
  } catch (error) {
    console.warn('Fitlab: the offline service worker was not registered', error);
    return false;
  }
}
