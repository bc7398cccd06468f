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
});
