// Filters the decision list by status, year, missing step and rule. Without JavaScript the form
// stays hidden and every row is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("decisions");
  if (!form || !table) { return; }
  form.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var shown = document.getElementById("shown");
  function apply() {
    var status = form.elements.status.value, year = form.elements.year.value;
    var missing = form.elements.missing.value, rule = form.elements.rule.value;
    var count = 0;
    rows.forEach(function (row) {
      var ok = (!status || row.dataset.status === status) && (!year || row.dataset.year === year) &&
        (!missing || row.dataset.missing.indexOf("|" + missing + "|") >= 0) &&
        (!rule || row.dataset.rules.indexOf("|" + rule + "|") >= 0);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = "显示 " + count + " / " + rows.length + " 项";
  }
  form.addEventListener("change", apply);
  apply();
})();
