// The admin's export page: "select all" toggles every field (import-export wrote it as an inline
// onchange handler, which the Content-Security-Policy refuses).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) { onSelectToggleChange(event); });
  });
});
