// A progress bar for a background job: <progress data-poll-url="..."> polls a JSON
// endpoint answering {"progress": 0-100, "done": bool, "message": "...", "redirect": "..."}.
(function () {
  document.querySelectorAll("progress[data-poll-url]").forEach(function (bar) {
    var label = document.getElementById(bar.dataset.labelId || "");
    function poll() {
      fetch(bar.dataset.pollUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          bar.value = state.progress;
          if (label && state.message) { label.textContent = state.message; }
          if (state.done) {
            if (state.redirect) { window.location.href = state.redirect; } else { window.location.reload(); }
          } else {
            setTimeout(poll, 1000);
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    poll();
  });
})();
