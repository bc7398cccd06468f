// Every signed-in page: install the field work shell (service worker), name this browser's user for
// the device's store, send what waits in the queue, and forget the user's data at logout.
(function () {
  "use strict";
  var F = window.UEPField;
  var user = Number(document.body.dataset.user || 0);
  if (!F || !user || !window.indexedDB) return;
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
  F.setCurrentUser(user).then(function () {
    if (document.getElementById("field-app")) return;  // the shell keeps its own count and sends itself
    return F.queueCount(user).then(function (n) {
      if (!n) return;
      // Visits left from a closed browser go out on the next page opened with signal; until then
      // every page says how many wait, with the way to them.
      var link = document.createElement("a");
      link.href = "/lapangan/";
      link.className = "unsent-badge";
      link.textContent = n + " " + document.body.dataset.unsentLabel;
      var bar = document.querySelector(".topbar");
      if (bar) bar.insertBefore(link, bar.children[1] || null);
      if (!navigator.onLine) return;
      return F.sendAll(user, {}).then(function () { return F.queueCount(user); }).then(function (left) {
        if (left) link.textContent = left + " " + document.body.dataset.unsentLabel;
        else link.remove();
      });
    });
  }).catch(function () {});

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-logout]") || form.dataset.cleared) return;
    event.preventDefault();
    F.queueCount(user).catch(function () { return 0; }).then(function (unsent) {
      if (unsent && !window.confirm(form.dataset.msgUnsent.replace("%(n)s", unsent))) return false;
      return F.forget(user).then(function () { return F.setCurrentUser(null); }).then(function () {
        // The kept copy of the shell page carries this user's name in its header.
        if (!window.caches) return;
        return caches.keys().then(function (keys) {
          return Promise.all(keys.map(function (key) {
            return caches.open(key).then(function (cache) { return cache.delete("/lapangan/"); });
          }));
        });
      }).then(function () { return true; });
    }).then(function (go) {
      if (!go) return;
      form.dataset.cleared = "1";
      form.submit();
    });
  });
})();
