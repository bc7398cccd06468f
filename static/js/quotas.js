// Decision page: "select all" for the ranked list and a live count of ticked candidates.
// The page works without it; confirmations are pages of their own, not JS dialogs.
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
})();
