// The device's store of the field work, shared by the page and the service worker (a classic script:
// `<script>` in the page, importScripts in the worker). One IndexedDB database per user
// ("uep-lapangan-u<id>": the worklist, the queue of visits not yet sent, the download date), so
// another user on the same browser never opens the first one's; a small common database names the
// user signed in last, for the worker and for the shell opened without signal.
(function (root) {
  "use strict";
  var COMMON = "uep-lapangan";
  var SEND_URL = "/lapangan/kirim/";
  var WHOAMI_URL = "/lapangan/saya/";
  // Answers after which the device's copy is deleted: the server holds the visit (or both, in conflict).
  var DONE = ["diterima", "sudah_diterima", "konflik"];

  // A request on a link that drops without closing would wait for ever and hold the queue: give up.
  function timed(url, options, seconds) {
    if (!root.AbortController) return fetch(url, options);
    var abort = new AbortController();
    var timer = setTimeout(function () { abort.abort(); }, seconds * 1000);
    options.signal = abort.signal;
    return fetch(url, options).then(function (response) { clearTimeout(timer); return response; },
                                     function (error) { clearTimeout(timer); throw error; });
  }

  function promised(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function open(name, upgrade) {
    var request = indexedDB.open(name, 1);
    request.onupgradeneeded = function () { upgrade(request.result); };
    return promised(request);
  }

  function openUser(userId) {
    return open("uep-lapangan-u" + userId, function (db) {
      db.createObjectStore("worklist", {keyPath: "key"});
      db.createObjectStore("queue", {keyPath: "id"});
      db.createObjectStore("meta", {keyPath: "k"});
    });
  }

  function openCommon() {
    return open(COMMON, function (db) { db.createObjectStore("meta", {keyPath: "k"}); });
  }

  // One transaction on one store; the database is closed after it (a logout can then delete it).
  function run(dbPromise, store, mode, work) {
    return dbPromise.then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result;
        Promise.resolve(work(tx.objectStore(store))).then(function (value) { result = value; });
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var api = {
    SYNC_TAG: "uep-kirim",
    SEND_URL: SEND_URL,
    WHOAMI_URL: WHOAMI_URL,

    currentUser: function () {
      return run(openCommon(), "meta", "readonly", function (s) { return promised(s.get("user")); })
        .then(function (row) { return row ? row.userId : null; }).catch(function () { return null; });
    },
    setCurrentUser: function (userId) {
      return run(openCommon(), "meta", "readwrite", function (s) {
        return userId ? s.put({k: "user", userId: userId}) : s.delete("user");
      });
    },
    all: function (userId, store) {
      return run(openUser(userId), store, "readonly", function (s) { return promised(s.getAll()); });
    },
    get: function (userId, store, key) {
      return run(openUser(userId), store, "readonly", function (s) { return promised(s.get(key)); });
    },
    put: function (userId, store, value) {
      return run(openUser(userId), store, "readwrite", function (s) { return promised(s.put(value)); });
    },
    remove: function (userId, store, key) {
      return run(openUser(userId), store, "readwrite", function (s) { return promised(s.delete(key)); });
    },
    // A fresh worklist replaces the old one in one transaction; visits waiting in the queue stay.
    replaceWorklist: function (userId, rows, downloadedAt) {
      return openUser(userId).then(function (db) {
        return new Promise(function (resolve, reject) {
          var tx = db.transaction(["worklist", "meta"], "readwrite");
          var list = tx.objectStore("worklist");
          list.clear();
          rows.forEach(function (row) { list.put(row); });
          tx.objectStore("meta").put({k: "downloaded_at", value: downloadedAt});
          tx.oncomplete = function () { db.close(); resolve(rows.length); };
          tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
        });
      });
    },
    queueCount: function (userId) {
      return run(openUser(userId), "queue", "readonly", function (s) { return promised(s.count()); });
    },
    // Everything of this user on the device: at logout, or when the worklist is no longer theirs.
    forget: function (userId) {
      return promised(indexedDB.deleteDatabase("uep-lapangan-u" + userId)).catch(function () {});
    },

    // What a send did, in words a page can show (and a worker can post: no photos in it).
    summary: function (report) {
      return {
        sent: report.sent.map(function (s) { return {status: s.answer.status, message: s.answer.message}; }),
        refused: report.refused.map(function (r) { return {name: r.entry.name, errors: r.answer.errors || []}; }),
        stopped: report.stopped
      };
    },

    body: function (entry) {
      var form = new FormData();
      form.append("client_id", entry.id);
      form.append("kind", entry.kind);
      form.append("target", String(entry.target));
      form.append("base", entry.base || "");
      form.append("recorded_on_device", entry.recordedAt);
      Object.keys(entry.fields).forEach(function (name) {
        entry.fields[name].forEach(function (value) { form.append(name, value); });
      });
      var field = entry.kind === "monitoring" ? "photo" : "photos";
      (entry.photos || []).forEach(function (blob, i) { form.append(field, blob, "foto-" + (i + 1) + ".jpg"); });
      return form;
    },

    // Send every visit waiting, oldest first, one request each. A visit leaves the device only once
    // the server has answered that it holds it; a dropped connection leaves it for the next try, and
    // sending it again is harmless (the server knows its id). One sender at a time per user.
    sendAll: function (userId, hooks) {
      hooks = hooks || {};
      var self = this;
      var job = function () { return self._sendAll(userId, hooks); };
      if (root.navigator && root.navigator.locks) {
        return root.navigator.locks.request("uep-kirim-" + userId, {ifAvailable: true}, function (lock) {
          return lock ? job() : {busy: true};
        });
      }
      return job();
    },

    _sendAll: function (userId, hooks) {
      var self = this;
      var report = {sent: [], refused: [], stopped: null};
      return timed(WHOAMI_URL, {credentials: "same-origin", cache: "no-store"}, 20).then(function (response) {
        if (response.status === 401) { report.stopped = "masuk"; return null; }
        return response.json();
      }).then(function (who) {
        if (!who) return report;
        // Another user signed in on this browser: this user's visits wait for them.
        if (!who.user || who.user.id !== userId) { report.stopped = "pengguna"; return report; }
        return self.all(userId, "queue").then(function (entries) {
          entries = entries.filter(function (e) { return e.state !== "ditolak"; })
            .sort(function (a, b) { return a.recordedAt < b.recordedAt ? -1 : 1; });
          return entries.reduce(function (chain, entry) {
            return chain.then(function () {
              if (report.stopped) return;
              return self._sendOne(userId, entry, who.csrf, report, hooks);
            });
          }, Promise.resolve()).then(function () { return report; });
        });
      }).catch(function () { report.stopped = "sambungan"; return report; });
    },

    _sendOne: function (userId, entry, csrf, report, hooks) {
      var self = this;
      if (hooks.sending) hooks.sending(entry);
      return timed(SEND_URL, {method: "POST", body: self.body(entry), credentials: "same-origin",
                              headers: {"X-CSRFToken": csrf, "Accept": "application/json"}}, 120)
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") === -1) { report.stopped = "sambungan"; return; }
          return response.json().then(function (answer) {
            if (DONE.indexOf(answer.status) !== -1) {
              report.sent.push({entry: entry, answer: answer});
              return self.remove(userId, "queue", entry.id).then(function () {
                return self.remove(userId, "worklist", entry.key);
              });
            }
            if (answer.status === "masuk") { report.stopped = "masuk"; return; }
            entry.state = "ditolak";
            entry.errors = answer.errors || [];
            report.refused.push({entry: entry, answer: answer});
            return self.put(userId, "queue", entry);
          });
        }).catch(function () { report.stopped = "sambungan"; });
    }
  };
  root.UEPField = api;
})(self);
