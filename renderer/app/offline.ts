/**
 * Registers the service worker (web mode only) and makes sure everything this page loaded is in its
 * cache, so a reload with the network down still opens the app. Sets
 * `document.body.dataset.offlineReady = 'true'` when that is so (tests wait on it).
 */
export async function registerOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return false;
  try {
    await navigator.serviceWorker.register('./sw.js', { scope: './' });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return false;
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(location.origin));
    urls.push(new URL('./', location.href).href);
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      worker.postMessage({ type: 'cache-urls', urls }, [channel.port2]);
    });
    document.body.dataset.offlineReady = 'true';
    return true;
  } catch (error) {
    console.warn('Service worker unavailable; the app needs the network to reload.', error);
    return false;
  }
}
