// The service worker of the field work shell: the shell opens without signal after one login, and
// the device's queue is sent in the background (Background Sync) when a connection appears.
// Written by fieldwork.views.service_worker; its version changes with every file of the shell.
"use strict";
var VERSION = "{{ version }}";
var CACHE = "uep-shell-" + VERSION;
var SHELL = "{{ shell_url }}";
var STATIC_URLS = {{ static_urls_json|safe }};
importScripts("{{ store_url }}");

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(STATIC_URLS).then(function () {
      // The shell page needs the session: kept only when it really is the page (not the login form).
      return fetch(SHELL, {credentials: "same-origin"}).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(SHELL, response);
      }).catch(function () {});
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("uep-shell-") === 0 && key !== CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function isStatic(url) {
  return STATIC_URLS.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network first, so a signed-in page is always fresh; without signal, the shell.
    event.respondWith(fetch(request).then(function (response) {
      if (url.pathname === SHELL && response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(SHELL, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(SHELL); }).then(function (shell) {
        return shell || new Response("Tidak ada sambungan.", {status: 503, headers: {"Content-Type": "text/plain; charset=utf-8"}});
      });
    }));
    return;
  }
  if (isStatic(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
      });
    }));
  }
});

// The queue goes out when the browser sees a connection, even with the page closed; open pages are
// told what happened.
function sendQueue() {
  return UEPField.currentUser().then(function (userId) {
    if (!userId) return;
    return UEPField.sendAll(userId, {}).then(function (report) {
      if (!report || report.busy) return;
      var note = {type: "uep-terkirim", user: userId, summary: UEPField.summary(report)};
      return self.clients.matchAll({type: "window"}).then(function (pages) {
        pages.forEach(function (page) { page.postMessage(note); });
      });
    });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === UEPField.SYNC_TAG) event.waitUntil(sendQueue());
});
