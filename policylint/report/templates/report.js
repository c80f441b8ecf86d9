(function () {
  "use strict";
  var category = document.getElementById("filter-category");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  if (!category || !text || !count) { return; }
  var severities = Array.prototype.slice.call(document.querySelectorAll(".filter-severity"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var documents = Array.prototype.slice.call(document.querySelectorAll("section.document"));
  var haystacks = findings.map(function (el) { return el.textContent.toLowerCase().replace(/\s+/g, " "); });
  // a card stands for data-count findings (repeats of one rule on the same words)
  var counts = findings.map(function (el) { return parseInt(el.getAttribute("data-count") || "1", 10); });
  var total = counts.reduce(function (a, b) { return a + b; }, 0);

  function apply() {
    var wanted = category.value;
    var levels = severities.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var words = text.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    var shown = 0;
    findings.forEach(function (el, i) {
      var ok = (!wanted || el.getAttribute("data-category") === wanted) &&
        levels.indexOf(el.getAttribute("data-severity")) !== -1 &&
        words.every(function (w) { return haystacks[i].indexOf(w) !== -1; });
      el.hidden = !ok;
      if (ok) { shown += counts[i]; }
    });
    documents.forEach(function (section) {
      var all = section.querySelectorAll("article.finding").length;
      var visible = section.querySelectorAll("article.finding:not([hidden])").length;
      var note = section.querySelector(".filtered-out");
      if (note) { note.hidden = !(all > 0 && visible === 0); }
    });
    count.textContent = "Showing " + shown + " of " + total;
    var note = document.getElementById("print-filter-note");
    if (note) {
      note.hidden = shown === total;
      note.textContent = "Filtered: " + shown + " of " + total + " findings shown.";
    }
  }

  category.addEventListener("change", apply);
  text.addEventListener("input", apply);
  severities.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
}());
