// Field visit form: show thumbnails of the photos taken before the form is sent.
(function () {
  document.querySelectorAll('input[type=file][accept^="image"]').forEach(function (input) {
    var preview = document.createElement("div");
    preview.className = "photo-preview";
    input.insertAdjacentElement("afterend", preview);
    input.addEventListener("change", function () {
      preview.innerHTML = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var img = document.createElement("img");
        img.alt = file.name;
        img.src = URL.createObjectURL(file);
        preview.appendChild(img);
      });
    });
  });
})();
