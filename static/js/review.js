// Review pages: a second click on a form's button while the first is on its way does nothing, so a
// double click records one outcome, not two (the services refuse most repeats, not every one).
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-submit-once]");
  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) { event.preventDefault(); return; }
      form.dataset.sending = "1";
    });
  });
  // Coming back to the page from the browser's history: the forms can be sent again.
  window.addEventListener("pageshow", function () {
    forms.forEach(function (form) { delete form.dataset.sending; });
  });
})();
