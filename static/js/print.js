// The print job's page: polls its JSON until the PDF is ready (a file, not inline: the CSP forbids inline scripts).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("print-job");
  if (!box || !box.hasAttribute("data-poll")) { return; }
  function poll() {
    fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
      box.querySelector("progress").value = d.percent;
      box.querySelector(".status").textContent = d.done + "/" + d.total;
      if (d.status === "done") { box.querySelector(".download").hidden = false; return; }
      if (d.status === "failed") { box.querySelector(".status").textContent = d.message; return; }
      setTimeout(poll, 1000);
    });
  }
  poll();
});
