/* Phone navigation. pydata-sphinx-theme 0.17 opens its navigation and contents drawers only from
   the first .primary-toggle and .secondary-toggle in the page (upstream issue 2451), but
   sphinx-book-theme shows readers a second pair, in the article header, that has no listener: on a
   phone, tapping ☰ or the contents icon did nothing. Each visible toggle forwards its click to the
   first of its kind, whose handlers open the drawer (phone) or fold the sidebar (desktop). */
(() => {
  "use strict";
  const forward = (selector) => {
    const toggles = document.querySelectorAll(selector);
    toggles.forEach((toggle, index) => {
      if (index === 0) return;
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        toggles[0].click();
      });
    });
  };
  const start = () => {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
