// Decision page: "select all" for the ranked list, a live count of ticked candidates,
// and a confirmation before a withdrawal. The page works without it.
(function () {
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var name = all.dataset.selectAll;
    var boxes = document.querySelectorAll('input[type=checkbox][name="' + name + '"]');
    var counter = document.querySelector('[data-selected-count="' + name + '"]');
    function update() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) { n += 1; } });
      if (counter) { counter.textContent = String(n); }
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      update();
    });
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
