/* Filters, search and sorting for the book's tracker tables, in the page itself (no kernel, nothing
   fetched). A table or list marked with data-explorer carries its filters as JSON, written when the
   book is built from the notebook's explorer: each filter's label, its choices in order and the
   choice the page opens on. Each row says which choices it matches (data-f-<filter>="a|b"), so the
   page keeps exactly the rows the explorer keeps. Without JavaScript the full table shows.

   Controls are native form elements in a labelled group, the count of shown rows is announced
   politely to screen readers, and hidden rows are removed from the page with the hidden attribute. */
(() => {
  "use strict";

  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  let serial = 0;

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  function labelled(control, text) {
    const wrapper = element("div", { class: "explorer-field" });
    wrapper.append(element("label", { for: control.id }, text), control);
    return wrapper;
  }

  function select(id, choices, chosen) {
    const control = element("select", { id });
    for (const [value, label] of choices) {
      const option = element("option", { value }, label);
      if (value === chosen) option.selected = true;
      control.append(option);
    }
    return control;
  }

  function enhance(container) {
    const config = JSON.parse(container.getAttribute("data-explorer"));
    const isTable = container.tagName === "TABLE";
    const body = isTable ? container.tBodies[0] : container;
    const items = isTable
      ? Array.from(body.rows)
      : Array.from(container.querySelectorAll(config.items || ":scope > *"));
    const tableOrder = items.slice();
    const base = `explorer-${++serial}`;
    const [one, many] = config.noun;

    const group = element("fieldset", { class: "explorer-controls" });
    group.append(element("legend", {}, `Filter, search and sort the ${items.length} ${many}`));
    const fields = element("div", { class: "explorer-fields" });
    group.append(fields);

    const filters = [];
    for (const facet of config.facets) {
      const id = `${base}-${facet.key}`;
      if (facet.kind === "flag") {
        const box = element("input", { type: "checkbox", id });
        box.checked = facet.default === "yes";
        const wrapper = element("div", { class: "explorer-field explorer-flag" });
        wrapper.append(box, element("label", { for: id }, facet.label));
        fields.append(wrapper);
        filters.push({ facet, test: (values) => !box.checked || values.includes("yes"), controls: [box] });
      } else if (facet.kind === "period") {
        const first = facet.options[0][0];
        const last = facet.options[facet.options.length - 1][0];
        const from = select(`${id}-from`, facet.options, first);
        const to = select(`${id}-to`, facet.options, last);
        fields.append(labelled(from, `${facet.label} from`), labelled(to, "to"));
        filters.push({
          facet,
          // keep a row whose period overlaps the chosen months (codes sort as text: YYYY-MM)
          test: (values) => values[0] <= to.value && values[values.length - 1] >= from.value,
          controls: [from, to],
        });
      } else {
        const control = select(id, [["", "All"], ...facet.options], facet.default || "");
        fields.append(labelled(control, facet.label));
        filters.push({ facet, test: (values) => !control.value || values.includes(control.value), controls: [control] });
      }
    }

    const search = element("input", { type: "search", id: `${base}-search`, autocomplete: "off" });
    fields.append(labelled(search, `Search the ${many}`));

    const sortChoices = [["", isTable ? "Table order" : "Page order"]];
    const headers = isTable ? Array.from(container.tHead.rows[0].cells).map((cell) => cell.textContent) : [];
    headers.forEach((title, index) => {
      sortChoices.push([`${index}:up`, `${title}, ascending`], [`${index}:down`, `${title}, descending`]);
    });
    for (const sort of config.sorts || []) {
      sortChoices.push([`${sort.key}:up`, `${sort.label}, ascending`], [`${sort.key}:down`, `${sort.label}, descending`]);
    }
    const sorter = select(`${base}-sort`, sortChoices, "");
    fields.append(labelled(sorter, "Sort by"));

    const reset = element("button", { type: "button", class: "explorer-reset" }, "Show all");
    fields.append(reset);
    const status = element("p", { class: "explorer-count", role: "status", "aria-live": "polite" });
    group.append(status);
    container.before(group);

    const valuesOf = (item, key) => (item.getAttribute(`data-f-${key}`) || "").split("|");
    const textOf = items.map((item) => fold(item.textContent));

    function apply() {
      const query = fold(search.value.trim());
      let shown = 0;
      items.forEach((item, index) => {
        const keep =
          filters.every(({ facet, test }) => test(valuesOf(item, facet.key))) &&
          (!query || textOf[index].includes(query));
        item.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent =
        shown === 0
          ? `No ${many} match these filters.`
          : `Showing ${shown} of ${items.length} ${items.length === 1 ? one : many}`;
      container.setAttribute("data-shown", String(shown));
    }

    function keyOf(item, key) {
      if (isTable) {
        const cell = item.cells[Number(key)];
        return cell ? cell.getAttribute("data-sort") || cell.textContent.trim() : "";
      }
      return item.getAttribute(`data-s-${key}`) || "";
    }

    function sort() {
      const [key, direction] = sorter.value.split(":");
      const order = key
        ? tableOrder
            .map((item, index) => ({ item, index, key: keyOf(item, key) }))
            .sort((a, b) => (direction === "down" ? -1 : 1) * collator.compare(a.key, b.key) || a.index - b.index)
            .map((entry) => entry.item)
        : tableOrder;
      for (const item of order) body.append(item);
    }

    let typing;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(apply, 150);
    });
    for (const { controls } of filters) for (const control of controls) control.addEventListener("change", apply);
    sorter.addEventListener("change", sort);
    reset.addEventListener("click", () => {
      for (const { facet, controls } of filters) {
        if (facet.kind === "flag") controls[0].checked = false;
        else if (facet.kind === "period") {
          controls[0].selectedIndex = 0;
          controls[1].selectedIndex = controls[1].options.length - 1;
        } else controls[0].value = "";
      }
      search.value = "";
      apply();
    });
    container.classList.add("explorer-ready");
    apply();
  }

  function start() {
    document.querySelectorAll("[data-explorer]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
