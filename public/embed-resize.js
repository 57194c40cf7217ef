// Optional helper for pages that embed the PTCE map in an iframe: resizes each
// such iframe to the height the map reports through postMessage. It accepts
// messages only from the iframe's own window and origin.
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'ptce-map:height' || typeof data.height !== 'number') return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      try {
        if (new URL(frame.src, location.href).origin !== event.origin) return;
      } catch (e) { return; }
      var h = Math.max(300, Math.min(4000, Math.round(data.height)));
      frame.style.height = h + 'px';
      frame.setAttribute('data-ptce-resized', String(h));
    }
  });
})();
