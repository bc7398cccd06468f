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
