// Click a column header marked data-sort to sort the table by it (numbers by data-value).
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.tabIndex = 0;  // and by keyboard: Tab to a header, Enter or Space sorts
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); th.click(); }
    });
    th.addEventListener("click", function () {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.dataset.sort === "num";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[data-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].dataset.value || a.cells[index].textContent.trim();
        var y = b.cells[index].dataset.value || b.cells[index].textContent.trim();
        if (!numeric) return ascending ? x.localeCompare(y) : y.localeCompare(x);
        var p = parseFloat(x), q = parseFloat(y);
        if (isNaN(p) || isNaN(q)) return isNaN(p) - isNaN(q);  // no value (no comments): last either way
        return ascending ? p - q : q - p;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
