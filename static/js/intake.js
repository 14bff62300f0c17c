// Progressive enhancement for the intake pages. Every feature here also works without JavaScript:
// the server shows follow-ups and crisis help on the next page load, and "Add another medicine" posts.
(function () {
  "use strict";

  function checked(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  // GOV.UK error summary: put focus on it so the problems are read out first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Conditional reveal: a follow-up group is shown (and submitted) only while its trigger answer is chosen.
  function updateFollowups() {
    document.querySelectorAll("[data-followup]").forEach(function (group) {
      var values = (group.getAttribute("data-show-values") || "yes").split(" ");
      var show = group.getAttribute("data-controlled-by").split(" ").some(function (name) {
        return values.indexOf(checked(name)) !== -1;
      });
      group.hidden = !show;
      group.disabled = !show;
    });
  }

  // Crisis help appears as soon as an answer signals risk, next to that answer, and never hides again.
  function crisisSignal() {
    return Number(checked("phq9_9") || 0) > 0 || checked("cssrs_q1") === "yes" || checked("cssrs_q2") === "yes";
  }

  function updateCrisis(changed) {
    var panel = document.querySelector("[data-crisis-panel]");
    if (!panel || !panel.hidden || !crisisSignal()) { return; }
    var question = changed && changed.closest("fieldset");
    if (question) { question.after(panel); }
    panel.hidden = false;
    panel.setAttribute("role", "alert");
  }

  document.addEventListener("change", function (event) {
    if (event.target.type !== "radio") { return; }
    updateFollowups();
    updateCrisis(event.target);
  });

  // Blood pressure: the warning shows beside the numbers as soon as one is above the crisis limit. The
  // limits come from the page (the server reads them from the screening rule), never from this file.
  var bpWarning = document.querySelector("[data-bp-warning]");
  function bpAbove(name, limit) {
    var input = document.querySelector('input[name="' + name + '"]');
    if (!input || input.value.trim() === "") { return false; }
    var value = Number(input.value);
    return Number.isInteger(value) && value > limit && value <= Number(input.max || Infinity);
  }
  function updateBpWarning() {
    var show = bpAbove("bp_systolic", Number(bpWarning.dataset.systolicLimit)) ||
      bpAbove("bp_diastolic", Number(bpWarning.dataset.diastolicLimit));
    if (show && bpWarning.hidden) { bpWarning.setAttribute("role", "alert"); }
    bpWarning.hidden = !show;
  }
  if (bpWarning) {
    document.addEventListener("input", function (event) {
      if (event.target.name === "bp_systolic" || event.target.name === "bp_diastolic") { updateBpWarning(); }
    });
  }

  // Medicines: add and remove rows in place; suggest names from the clinic's dictionary (free text stays allowed).
  var medicines = document.querySelector("[data-medicines]");
  if (medicines) {
    var rows = medicines.querySelector("[data-medicine-rows]");
    var template = medicines.querySelector("template[data-medicine-template]");
    var total = medicines.querySelector('input[name$="-TOTAL_FORMS"]');
    var list = document.getElementById("medication-names");
    var suggestUrl = medicines.getAttribute("data-suggest-url");

    // With JavaScript a "Remove" button replaces the "Remove this medicine" tick box, and names get suggestions.
    function enhance(root) {
      root.querySelectorAll("[data-remove-medicine]").forEach(function (button) { button.hidden = false; });
      root.querySelectorAll("[data-medicine-delete]").forEach(function (box) { box.hidden = true; });
      root.querySelectorAll('input[name$="-name"]').forEach(function (input) {
        input.setAttribute("list", "medication-names");
        input.setAttribute("autocomplete", "off");
      });
    }
    enhance(rows);

    // Rows are numbered 1, 2, 3 as they stand: a removed row gives its number to the rows after it.
    function renumber() {
      var shown = Array.prototype.filter.call(rows.querySelectorAll("[data-medicine-row]"), function (row) {
        return !row.hidden;
      });
      shown.forEach(function (row, index) {
        var legend = row.querySelector("[data-medicine-legend]");
        var button = row.querySelector("[data-remove-medicine]");
        if (legend) { legend.textContent = "Medicine " + (index + 1); }
        if (button) { button.textContent = "Remove medicine " + (index + 1); }
      });
    }

    var add = medicines.querySelector("[data-add-medicine]");
    if (add && template && total) {
      add.addEventListener("click", function (event) {
        event.preventDefault();
        var index = Number(total.value);
        var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
        rows.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        var row = rows.lastElementChild;
        enhance(row);
        renumber();
        var first = row && row.querySelector("input[type=text]");
        if (first) { first.focus(); }
      });
    }

    medicines.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-medicine]");
      if (!remove) { return; }
      event.preventDefault();
      var row = remove.closest("[data-medicine-row]");
      row.querySelectorAll("input[type=text]").forEach(function (input) { input.value = ""; });
      var flag = row.querySelector('input[name$="-DELETE"]');
      if (flag) { flag.checked = true; }
      row.hidden = true;
      renumber();
      if (add) { add.focus(); }
    });

    // "Did you mean...?" is about the name as it was sent: once the name is edited, those questions no longer
    // apply (and are not sent); the server asks about the new name when the page is saved.
    medicines.addEventListener("input", function (event) {
      if (!event.target.matches('input[name$="-name"]')) { return; }
      var row = event.target.closest("[data-medicine-row]");
      var check = row && row.querySelector("[data-name-check]");
      if (!check || check.hidden) { return; }
      check.hidden = true;
      check.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    });

    var pending = null;
    medicines.addEventListener("input", function (event) {
      if (!list || !suggestUrl || !event.target.matches('input[name$="-name"]')) { return; }
      var query = event.target.value.trim();
      if (query.length < 2) { return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(suggestUrl + "?q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { names: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.names.map(function (name) {
            var option = document.createElement("option");
            option.value = name;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience; typing still works */ });
    });
  }

  // Check your answers: one button opens or closes every section (each <details> also opens by itself).
  document.querySelectorAll("[data-toggle-sections]").forEach(function (button) {
    var sections = document.querySelectorAll("[data-answer-groups] > details");
    function allOpen() {
      return Array.prototype.every.call(sections, function (section) { return section.open; });
    }
    function label() {
      button.textContent = button.getAttribute(allOpen() ? "data-close-text" : "data-open-text");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var open = !allOpen();
      sections.forEach(function (section) { section.open = open; });
      label();
    });
    sections.forEach(function (section) { section.addEventListener("toggle", label); });
  });

  // Sending the form: a second click while the first is on its way does nothing (the server also refuses twice).
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) { event.preventDefault(); return; }
      form.dataset.sending = "1";
    });
  });
})();
