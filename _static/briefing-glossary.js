/* Glossary definitions where a term is used. A link to a glossary entry carries the entry's
   definition (written into the page when the book is built); hovering the link or moving the
   keyboard focus to it shows the definition in a tooltip, which Escape dismisses and which stays
   while the pointer moves onto it. The link still leads to the glossary. */
(() => {
  "use strict";
  const GAP = 6;
  let tip;
  let current = null;
  let hiding;

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(352, document.documentElement.clientWidth - 2 * GAP);
    tip.style.maxWidth = `${width}px`;
    const left = Math.max(GAP, Math.min(box.left, document.documentElement.clientWidth - width - GAP));
    tip.style.left = `${window.scrollX + left}px`;
    tip.style.top = `${window.scrollY + box.bottom + GAP}px`;
    const below = tip.getBoundingClientRect();
    if (below.bottom > window.innerHeight && box.top - below.height - GAP > 0) {
      tip.style.top = `${window.scrollY + box.top - below.height - GAP}px`;
    }
  }

  function show(link) {
    clearTimeout(hiding);
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    tip.textContent = link.getAttribute("data-definition");
    tip.hidden = false;
    link.setAttribute("aria-describedby", tip.id);
    place(link);
  }

  function hide() {
    clearTimeout(hiding);
    if (!current) return;
    current.removeAttribute("aria-describedby");
    tip.hidden = true;
    current = null;
  }

  const later = () => {
    clearTimeout(hiding);
    hiding = setTimeout(hide, 250);
  };

  function start() {
    const links = document.querySelectorAll("a[data-definition]");
    if (!links.length) return;
    tip = document.createElement("div");
    tip.id = "briefing-term-tip";
    tip.className = "briefing-term-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.append(tip);
    tip.addEventListener("mouseenter", () => clearTimeout(hiding));
    tip.addEventListener("mouseleave", later);
    for (const link of links) {
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("mouseleave", later);
      link.addEventListener("focus", () => show(link));
      link.addEventListener("blur", hide);
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
