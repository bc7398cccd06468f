// Every page: the phone menu button, the header's menus, the header's year selector.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
  }
  // One header menu open at a time; a click elsewhere or Escape closes it (focus back on its title).
  var menus = Array.prototype.slice.call(document.querySelectorAll("details.navmenu"));
  menus.forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      menus.forEach(function (other) { if (other !== details) other.open = false; });
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (details) { if (!details.contains(event.target)) details.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (details) {
      if (details.open) { details.open = false; details.querySelector("summary").focus(); }
    });
  });
  // The year changes as soon as it is picked; without JavaScript the "Pilih" button does it.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Lists on a phone: each row of a `table.cards-sm` becomes a card (app.css, under 600 px), every cell
  // labelled with its column's heading; the row's name leads and its key columns (status, desil,
  // bertahan: `th.lead`, `th.key`) come first, so nothing needs a sideways scroll.
  document.querySelectorAll("table.cards-sm").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return {label: th.textContent.trim(), lead: th.classList.contains("lead"), key: th.classList.contains("key")};
    });
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      if (row.children.length < 2) return;
      Array.prototype.forEach.call(row.children, function (cell, i) {
        var head = heads[i];
        if (!head) return;
        if (head.label && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", head.label);
        if (head.lead) cell.classList.add("lead");
        if (head.key) cell.classList.add("key");
      });
    });
  });
});
