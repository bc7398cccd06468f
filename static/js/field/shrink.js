// Draws a photo again at the size the field app asks and encodes it as JPEG, off the page's thread.
// On the page, a canvas's toBlob waits for the page to be idle, and Chromium holds idle time back for
// about a second after a tap (it expects a gesture): the form stayed open a second after "Simpan".
"use strict";
onmessage = function (event) {
  var job = event.data;
  var canvas = new OffscreenCanvas(job.width, job.height);
  canvas.getContext("2d").drawImage(job.image, 0, 0, job.width, job.height);
  job.image.close();
  canvas.convertToBlob({type: "image/jpeg", quality: job.quality}).then(function (blob) {
    postMessage({id: job.id, blob: blob});
  }, function () {
    postMessage({id: job.id, blob: null});
  });
};
