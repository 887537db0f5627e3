// Keeps the door page itself on the phone (renderer/public/door-sw.js), so after its first load
// it opens without the box office, still paired (the token is in localStorage). Only over
// HTTP(S): the desktop app's app:// page is on the device already.
export async function keepDoorPageOffline(): Promise<void> {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  try {
    await navigator.serviceWorker.register('./door-sw.js', { scope: './' });
    const ready = await navigator.serviceWorker.ready;
    // What loaded before the worker was there: it keeps those too.
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => new URL(url).pathname.includes('/door/'));
    ready.active?.postMessage({ type: 'keep', urls: [...new Set(urls)] });
  } catch {
    // No service worker (private mode, an untrusted certificate): the door still works online.
  }
}
