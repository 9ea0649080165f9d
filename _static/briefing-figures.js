/* Charts, enlarged on a tap or click. Each chart links to its image file (so without JavaScript a
   tap opens the image alone, to zoom); here the link opens the image in a dialog instead, at twice
   the size a phone page shows it, to pan and zoom. Escape, the close button or a tap outside the
   image closes it, and the focus returns to the chart. */
(() => {
  "use strict";
  let dialog;
  let picture;
  let opener = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "chart-dialog";
    dialog.setAttribute("aria-label", "Chart, enlarged");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "chart-dialog-close";
    close.textContent = "Close";
    const frame = document.createElement("div");
    frame.className = "chart-dialog-frame";
    picture = document.createElement("img");
    frame.append(picture);
    dialog.append(close, frame);
    document.body.append(dialog);
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog || event.target === frame) dialog.close();
    });
    dialog.addEventListener("close", () => {
      if (opener) opener.focus();
    });
  }

  function open(link) {
    if (!dialog) build();
    const image = link.querySelector("img");
    opener = link;
    picture.src = link.getAttribute("href");
    picture.alt = image ? image.alt : "";
    dialog.showModal();
  }

  function start() {
    for (const link of document.querySelectorAll("a.chart-enlarge")) {
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab, as usual
        event.preventDefault();
        open(link);
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
