// The door page's own copy, so a phone at the door opens it without the box office (issue 23;
// docs/ARCHITECTURE.md, "The door app"). Registered by the door only (renderer/src/door/lib/
// offline-page.ts), scoped to /door/. The page is asked for fresh first and served from here
// when that fails; its hashed assets never change, so they are served from here first. API
// calls are POSTs and never pass through the cache.
const CACHE = 'marquee-door-v1';
const PAGE = new URL('./', self.location.href).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(PAGE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('marquee-door-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The page names what it loaded before this worker controlled it (its scripts, styles, the lazy door chunk).
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'keep' && Array.isArray(event.data.urls) ? event.data.urls : [];
  const own = urls.filter((url) => typeof url === 'string' && new URL(url).origin === self.location.origin);
  if (own.length > 0) event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(own)).catch(() => undefined));
});

async function pageFirstFromNetwork(request) {
  const cache = await caches.open(CACHE);
  try {
    const fresh = await fetch(request);
    if (fresh.ok) await cache.put(PAGE, fresh.clone());
    return fresh;
  } catch (err) {
    const kept = await cache.match(PAGE);
    if (kept) return kept;
    throw err;
  }
}

async function assetFromCache(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const fresh = await fetch(request);
  if (fresh.ok) await cache.put(request, fresh.clone());
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(pageFirstFromNetwork(request));
  else if (url.pathname.startsWith(new URL('./assets/', PAGE).pathname) || url.pathname.endsWith('/favicon.svg')) event.respondWith(assetFromCache(request));
});
