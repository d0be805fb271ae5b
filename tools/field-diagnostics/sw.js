// Offline support: after the first visit the page works without network (the chamber is reached
// over Bluetooth, not the internet). Cache-first for the page's own files, versioned cache name.
const CACHE = 'chamber-field-diagnostics-v2';
const FILES = ['./', './index.html', './app.js', './decoder.js', './chart.js', './style.css', './uPlot.iife.min.js', './uPlot.min.css', './manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(caches.match(event.request, { ignoreSearch: true })
    .then((hit) => hit || fetch(event.request)));
});
