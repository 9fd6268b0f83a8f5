// stackfit web: drag and drop onto the upload field, and sortable tables. No build step.
document.addEventListener("DOMContentLoaded", () => {
  for (const zone of document.querySelectorAll(".dropzone")) {
    const input = zone.querySelector("input[type=file]");
    const count = zone.querySelector("[data-count]");
    const show = () => { if (count) count.textContent = input.files.length ? `${input.files.length} file(s) chosen` : ""; };
    input.addEventListener("change", show);
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); input.files = e.dataTransfer.files; show(); });
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    table.querySelectorAll("th[data-sort] button").forEach((btn) => {
      btn.addEventListener("click", () => {
        const th = btn.closest("th"); const idx = [...th.parentNode.children].indexOf(th);
        const asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const num = th.dataset.sort === "num"; const body = table.tBodies[0];
        const key = (r) => { const t = r.children[idx].dataset.value ?? r.children[idx].textContent.trim(); return num ? parseFloat(t) || 0 : t.toLowerCase(); };
        [...body.rows].sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (asc ? 1 : -1)).forEach((r) => body.appendChild(r));
      });
    });
  }
});
