// The field work shell (/lapangan/): the day's worklist kept on the device, many visits recorded
// without signal (photos made smaller here), a queue sent whenever a connection appears. What
// happened is said in the bar at the bottom of the screen, where the thumb is, beside the count
// of visits not yet sent.
(function () {
  "use strict";
  var app = document.getElementById("field-app");
  if (!app) return;
  var away = document.getElementById("offline-elsewhere");
  if (away && window.location.pathname !== away.dataset.shell) away.hidden = false;
  if (!window.indexedDB) return;
  var F = window.UEPField;
  var msg = app.dataset;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
  var PHOTO_SIDE = 1280, PHOTO_QUALITY = 0.72;
  var userId = null, sending = false, current = null;
  var bar = document.getElementById("bar-notice");

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function dateText(iso) {
    if (!iso) return "-";
    var d = new Date(iso.length === 10 ? iso + "T00:00:00" : iso);
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }
  function momentText(iso) {
    var d = new Date(iso);
    return dateText(iso) + ", " + pad(d.getHours()) + "." + pad(d.getMinutes());
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function say(text, kind) {
    bar.textContent = text;
    bar.className = "bar-notice " + (kind || "");
  }

  // --- Who is this device's user -------------------------------------------------------------
  function whoIsHere() {
    return fetch(F.WHOAMI_URL, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
      if (response.status === 401) { window.location.reload(); return null; }
      return response.json().then(function (who) { return who.user.id; });
    }).catch(function () {
      // Without signal: the user signed in on this browser last (logout forgets them).
      var own = Number(document.body.dataset.user || 0);
      return F.currentUser().then(function (last) { return last || own || null; });
    }).then(function (id) {
      if (id) return F.setCurrentUser(id).then(function () { return id; });
      return id;
    });
  }

  // --- Lists --------------------------------------------------------------------------------
  function render() {
    return Promise.all([F.all(userId, "worklist"), F.all(userId, "queue"), F.get(userId, "meta", "downloaded_at")])
      .then(function (parts) {
        var rows = parts[0], queue = parts[1], downloaded = parts[2];
        var queued = {};
        queue.forEach(function (entry) { queued[entry.key] = entry; });
        $("downloaded").textContent = downloaded ? msg.msgDownloaded + " " + momentText(downloaded.value) : msg.msgNever;
        fill($("list-monitoring"), rows.filter(function (r) { return r.kind === "monitoring"; }), queued);
        fill($("list-verifikasi"), rows.filter(function (r) { return r.kind === "verifikasi"; }), queued);
        fillQueue(queue.sort(function (a, b) { return a.recordedAt < b.recordedAt ? -1 : 1; }));
        $("unsent").textContent = msg.msgUnsent + ": " + queue.length;
        $("unsent").dataset.count = queue.length;
        return {rows: rows, queue: queue};
      });
  }

  function fill(list, rows, queued) {
    list.textContent = "";
    if (!rows.length) { list.appendChild(el("li", "muted", msg.msgEmpty)); return; }
    rows.forEach(function (row) {
      var item = el("li", "card field-card");
      item.dataset.key = row.key;
      var head = el("div", "field-card-head");
      head.appendChild(el("strong", "", row.name));
      var badge = queued[row.key] ? el("span", "badge badge-warn", msg.msgWaiting)
        : el("span", "badge", row.kind === "monitoring" ? row.state : msg.msgDesil + " " + row.desil);
      head.appendChild(badge);
      item.appendChild(head);
      item.appendChild(el("div", "muted small", row.nik + " · " + row.area));
      item.appendChild(el("div", "", row.address));
      item.appendChild(el("div", "", row.business));
      if (row.kind === "monitoring" && row.round_months) {
        item.appendChild(el("div", "small", msg.msgRound + " " + row.round_months + " " + msg.msgMonths + " · " +
                                           msg.msgDue + " " + dateText(row.due_on)));
      }
      var open = el("button", "big", queued[row.key] ? msg.msgEdit : msg.msgRecord);
      open.type = "button";
      open.addEventListener("click", function () { openForm(row, queued[row.key] || null); });
      item.appendChild(open);
      list.appendChild(item);
    });
  }

  function fillQueue(queue) {
    var list = $("list-queue");
    list.textContent = "";
    if (!queue.length) { list.appendChild(el("li", "muted", msg.msgEmpty)); return; }
    queue.forEach(function (entry) {
      var item = el("li", "card field-card queue-entry");
      item.dataset.state = entry.state;
      var head = el("div", "field-card-head");
      head.appendChild(el("strong", "", entry.name));
      head.appendChild(el("span", entry.state === "ditolak" ? "badge badge-bad" : "badge badge-warn",
                          entry.state === "ditolak" ? msg.msgRefused : msg.msgWaiting));
      item.appendChild(head);
      item.appendChild(el("div", "small muted", momentText(entry.recordedAt) + " · " + (entry.photos || []).length + " " + msg.msgPhotos));
      if (entry.errors && entry.errors.length) item.appendChild(el("div", "flash flash-error", entry.errors.join(" ")));
      var edit = el("button", "", msg.msgEdit);
      edit.type = "button";
      edit.addEventListener("click", function () {
        F.get(userId, "worklist", entry.key).then(function (row) { openForm(row || entry.row, entry); });
      });
      var drop = el("button", "", msg.msgRemove);
      drop.type = "button";
      drop.addEventListener("click", function () {
        if (window.confirm(msg.msgDelete)) F.remove(userId, "queue", entry.id).then(render);
      });
      item.appendChild(edit);
      item.appendChild(drop);
      list.appendChild(item);
    });
  }

  // --- The forms ------------------------------------------------------------------------------
  function formOf(kind) { return $(kind === "monitoring" ? "form-monitoring" : "form-verifikasi"); }

  function openForm(row, entry) {
    var form = formOf(row.kind);
    current = {row: row, entry: entry, form: form};
    form.reset();
    form.querySelector(".field-title").textContent = row.name;
    form.querySelector(".field-sub").textContent = row.address + " · " + row.business;
    var notice = form.querySelector(".field-notice");
    notice.hidden = true;
    if (row.kind === "monitoring") itemRows(form, row.items || []);
    form.elements.visited_on.value = today();
    if (entry) restore(form, entry.fields);
    form.querySelector(".photo-note").textContent = entry && entry.photos && entry.photos.length
      ? " " + entry.photos.length + " " + msg.msgPhotos : "";
    if (entry && entry.errors && entry.errors.length) {
      notice.hidden = false; notice.className = "field-notice flash flash-error"; notice.textContent = entry.errors.join(" ");
    }
    $("field-lists").hidden = true;
    form.hidden = false;
    window.scrollTo(0, 0);
  }

  function itemRows(form, items) {
    var box = form.querySelector(".item-rows");
    box.textContent = "";
    form.querySelector(".items").hidden = !items.length;
    items.forEach(function (line) {
      var row = document.importNode($("item-row").content, true);
      var select = row.querySelector(".item-use"), reason = row.querySelector(".item-reason");
      select.name = "item_" + line.id; select.id = "m_item_" + line.id;
      reason.name = "item_" + line.id + "_reason"; reason.id = "m_item_" + line.id + "_reason";
      var label = row.querySelector(".item-label");
      label.htmlFor = select.id; label.textContent = line.name + " (" + line.quantity + " " + line.unit + ")";
      row.querySelector(".item-reason-label").htmlFor = reason.id;
      box.appendChild(row);
    });
  }

  function fields(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "file" || field.name === "csrfmiddlewaretoken") return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      (data[field.name] = data[field.name] || []).push(field.value);
    });
    return data;
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "file") return;
      var values = data[field.name] || [];
      if (field.type === "radio" || field.type === "checkbox") field.checked = values.indexOf(field.value) !== -1;
      else field.value = values.length ? values[0] : "";
    });
  }

  function closeForm() {
    if (current) current.form.hidden = true;
    current = null;
    $("field-lists").hidden = false;
  }

  // A phone photo is 3-8 MB; drawn again at most 1,280 px on its long side it is about 150-300 KB.
  // The drawing and encoding run in a worker (js/field/shrink.js, whose reason is written there); the
  // page's own canvas is the fallback where a worker or OffscreenCanvas is missing or fails.
  var shrinker = null, shrinkJobs = {}, shrinkSeq = 0;
  function shrinkWorker() {
    if (shrinker === null) {
      shrinker = false;
      if (window.Worker && window.OffscreenCanvas && app.dataset.shrinkUrl) {
        try {
          shrinker = new Worker(app.dataset.shrinkUrl);
          shrinker.onmessage = function (event) {
            var done = shrinkJobs[event.data.id];
            delete shrinkJobs[event.data.id];
            if (done) done(event.data.blob);
          };
          shrinker.onerror = function () {
            shrinker = false;  // every waiting photo is drawn on the page instead
            Object.keys(shrinkJobs).forEach(function (id) { var done = shrinkJobs[id]; delete shrinkJobs[id]; done(null); });
          };
        } catch (error) { shrinker = false; }
      }
    }
    return shrinker;
  }

  function decoded(file) {
    return window.createImageBitmap ? createImageBitmap(file) : new Promise(function (resolve, reject) {
      var image = new Image();
      image.onload = function () { resolve(image); };
      image.onerror = reject;
      image.src = URL.createObjectURL(file);
    });
  }

  function fitted(image) {
    var scale = Math.min(1, PHOTO_SIDE / Math.max(image.width, image.height));
    return {width: Math.round(image.width * scale), height: Math.round(image.height * scale)};
  }

  function shrinkOnPage(file) {
    return decoded(file).then(function (image) {
      var size = fitted(image), canvas = document.createElement("canvas");
      canvas.width = size.width;
      canvas.height = size.height;
      canvas.getContext("2d").drawImage(image, 0, 0, size.width, size.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", PHOTO_QUALITY); });
    });
  }

  function shrink(file) {
    var worker = shrinkWorker();
    if (!worker || !window.createImageBitmap) return shrinkOnPage(file);
    return createImageBitmap(file).then(function (image) {
      var size = fitted(image), id = ++shrinkSeq;
      return new Promise(function (resolve) {
        shrinkJobs[id] = resolve;
        worker.postMessage({id: id, image: image, width: size.width, height: size.height, quality: PHOTO_QUALITY},
                           [image]);
      });
    }).then(function (blob) { return blob || shrinkOnPage(file); });
  }

  function photosOf(form, entry) {
    var input = form.querySelector(".photo-input");
    if (!input.files.length) return Promise.resolve(entry ? entry.photos || [] : []);
    return Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (blobs) {
      return blobs.filter(Boolean);
    });
  }

  function save(event) {
    event.preventDefault();
    var form = event.target, row = current.row, entry = current.entry;
    var notice = form.querySelector(".field-notice");
    photosOf(form, entry).catch(function () { return []; }).then(function (photos) {
      var record = {
        id: entry ? entry.id : uuid(), kind: row.kind, target: row.target, key: row.key, base: row.base,
        name: row.name, row: row, fields: fields(form), photos: photos,
        recordedAt: entry ? entry.recordedAt : new Date().toISOString(), state: "menunggu", errors: []
      };
      return F.put(userId, "queue", record);
    }).then(function () {
      notice.hidden = false;
      notice.className = "field-notice flash flash-success";
      notice.textContent = msg.msgSaved;
      say(row.name + ": " + msg.msgSaved, "ok");
      storageCheck();
      askBackgroundSync();
      closeForm();
      return render();
    }).then(trySend);
  }

  // The budget is 50 MB (a full caseload with a photo each takes about 5): past 40 MB, say so.
  function storageCheck() {
    if (!navigator.storage || !navigator.storage.estimate) return;
    navigator.storage.estimate().then(function (estimate) {
      if (estimate.usage > 40 * 1024 * 1024) say(bar.textContent + " " + msg.msgStorageFull, "bad");
    }).catch(function () {});
  }

  function askBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register(F.SYNC_TAG);
    }).catch(function () {});
  }

  // --- Download and send ------------------------------------------------------------------------
  function download() {
    say(msg.msgDownloading);
    fetch(app.dataset.urlWorklist, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      if (data.user !== userId) throw new Error("user");
      // Ask the browser not to clear this store when the phone runs short of space.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      return F.replaceWorklist(userId, data.monitoring.concat(data.verification), data.downloaded_at);
    }).then(function (count) {
      say(msg.msgDownloaded + ": " + count, "ok");
      return render();
    }).catch(function () { say(msg.msgDownloadFailed, "bad"); });
  }

  function trySend() {
    if (sending || !userId) return Promise.resolve();
    sending = true;
    return F.queueCount(userId).then(function (count) {
      if (!count) return null;
      return F.sendAll(userId, {sending: function (entry) { say(msg.msgSending + " " + entry.name); }});
    }).then(function (report) {
      sending = false;
      if (report && !report.busy) tell(F.summary(report));
      // Always: the service worker may have sent them meanwhile.
      return render();
    }).catch(function () { sending = false; });
  }

  function tell(summary) {
    var words = [];
    summary.sent.forEach(function (s) {
      words.push((s.status === "konflik" ? msg.msgConflict : msg.msgSent) + ": " + s.message);
    });
    summary.refused.forEach(function (r) { words.push(msg.msgRefused + ": " + r.name + ". " + r.errors.join(" ")); });
    if (summary.stopped === "sambungan" && !summary.sent.length) words.push(msg.msgOffline);
    if (summary.stopped === "masuk") words.push(msg.msgLogin);
    if (words.length) say(words.join(" "), summary.refused.length || summary.stopped ? "bad" : "ok");
  }

  // --- Start --------------------------------------------------------------------------------------
  whoIsHere().then(function (id) {
    userId = id;
    if (!userId) return;
    $("download").addEventListener("click", download);
    $("send-now").addEventListener("click", trySend);
    Array.prototype.forEach.call(document.querySelectorAll(".field-form"), function (form) {
      form.addEventListener("submit", save);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".back-to-list"), function (button) {
      button.addEventListener("click", closeForm);
    });
    window.addEventListener("online", trySend);
    // What the service worker sent in the background (Background Sync), told here too.
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "uep-terkirim" && event.data.user === userId) {
          tell(event.data.summary);
          render();
        }
      });
    }
    // Some phones never fire "online": look again now and then while something waits.
    setInterval(function () { if (navigator.onLine) trySend(); }, 15000);
    app.dataset.ready = "1";
    return render().then(trySend);
  });
})();
