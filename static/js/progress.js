// The one poller of every background job's page: <progress data-poll-url="..."> polls a JSON
// endpoint answering {"progress": 0-100, "done": bool, "message": "...", "redirect": "...",
// "stuck": bool}. A failed fetch (the server restarting, a dropped connection) is retried with a
// growing pause, up to 30 s, so the page never stops following a job that is still running.
(function () {
  document.querySelectorAll("progress[data-poll-url]").forEach(function (bar) {
    var label = document.getElementById(bar.dataset.labelId || "");
    var stuck = document.getElementById(bar.dataset.stuckId || "");
    var pause = 1000;
    function again(ms) { setTimeout(poll, ms); }
    function poll() {
      fetch(bar.dataset.pollUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) { throw new Error("HTTP " + r.status); }
          return r.json();
        })
        .then(function (state) {
          pause = 1000;
          bar.value = state.progress;
          if (label && state.message) { label.textContent = state.message; }
          if (stuck) { stuck.hidden = !state.stuck; }
          if (state.done) {
            if (state.redirect) { window.location.href = state.redirect; } else { window.location.reload(); }
          } else {
            again(pause);
          }
        })
        .catch(function () {
          pause = Math.min(pause * 2, 30000);
          again(pause);
        });
    }
    poll();
  });
})();
