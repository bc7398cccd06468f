// Upload form: the template link follows the chosen kabupaten/kota (provincial staff pick one),
// so the KECAMATAN drop-down in the template lists that area's kecamatan.
(function () {
  var link = document.getElementById("template-link");
  var select = document.getElementById("id_kabupaten");
  if (!link || !select || select.disabled) { return; }
  function update() {
    link.href = link.dataset.base + (select.value ? "?kabupaten=" + encodeURIComponent(select.value) : "");
  }
  select.addEventListener("change", update);
  update();
})();

// Forms that start a job (confirm an upload) are sent once: the button disables on the first
// click, so a double click does not send a second confirm (the server refuses one anyway).
(function () {
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        // Disabled after this event, so the click that submits still sends the form.
        setTimeout(function () { button.disabled = true; }, 0);
        if (button.dataset.busyLabel) { button.textContent = button.dataset.busyLabel; }
      });
    });
  });
})();
