// The visit form on a phone: sent in the background; when the connection drops, the input is kept
// on the device (localStorage) and sent as soon as the connection returns.
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  if (!form) return;
  var key = form.dataset.draftKey;
  var box = document.getElementById("visit-status");
  var sending = false;

  function say(text, kind) {
    box.hidden = false;
    box.className = "flash flash-" + (kind || "warning");
    box.textContent = text;
  }

  function fields() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.name === "csrfmiddlewaretoken") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      data[el.name] = el.value;
    });
    return data;
  }

  function restore(data) {
    Object.keys(data).forEach(function (name) {
      if (name === "photo") return;
      Array.prototype.forEach.call(form.querySelectorAll('[name="' + name + '"]'), function (el) {
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === data[name];
        else el.value = data[name];
      });
    });
  }

  function toBlob(dataUrl) {
    var parts = dataUrl.split(","), mime = parts[0].match(/:(.*?);/)[1], bytes = atob(parts[1]);
    var buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    return new Blob([buffer], {type: mime});
  }

  function body(draft) {
    var fd = new FormData();
    fd.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    Object.keys(draft).forEach(function (name) { if (name !== "photo") fd.append(name, draft[name]); });
    if (draft.photo) fd.append("photo", toBlob(draft.photo), "foto.jpg");
    return fd;
  }

  function send(draft) {
    if (sending) return;
    sending = true;
    fetch(window.location.href, {method: "POST", body: body(draft), credentials: "same-origin",
                                 headers: {"Accept": "application/json"}})
      .then(function (response) {
        return response.json().then(function (answer) {
          sending = false;
          localStorage.removeItem(key);
          if (answer.ok) {
            say(answer.message, "success");
            form.hidden = true;
          } else {
            // Refused by the server: the officer corrects it on screen; nothing is lost.
            restore(draft);
            say(answer.errors.join(" "), "error");
          }
        });
      })
      .catch(function () {
        sending = false;
        localStorage.setItem(key, JSON.stringify(draft));
        say(form.dataset.msgSaved, "warning");
      });
  }

  function draftOf(callback) {
    var draft = fields();
    var photo = form.elements.photo && form.elements.photo.files[0];
    if (!photo) return callback(draft);
    var reader = new FileReader();
    reader.onload = function () { draft.photo = reader.result; callback(draft); };
    reader.onerror = function () { callback(draft); };
    reader.readAsDataURL(photo);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    draftOf(send);
  });

  function resend() {
    var stored = localStorage.getItem(key);
    if (stored && navigator.onLine) {
      say(form.dataset.msgSending, "warning");
      send(JSON.parse(stored));
    }
  }

  var stored = localStorage.getItem(key);
  if (stored) {
    restore(JSON.parse(stored));
    say(form.dataset.msgRestored, "warning");
  }
  window.addEventListener("online", resend);
  // Some phones never fire "online": look again now and then while something waits.
  setInterval(resend, 5000);
  resend();

  var gps = document.getElementById("gps");
  if (gps && navigator.geolocation) {
    gps.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(6);
        form.elements.longitude.value = position.coords.longitude.toFixed(6);
        document.getElementById("gps-status").textContent = form.dataset.msgGps;
      }, function () {
        document.getElementById("gps-status").textContent = form.dataset.msgGpsFail;
      }, {enableHighAccuracy: true, timeout: 15000});
    });
  } else if (gps) {
    gps.hidden = true;
  }
})();
