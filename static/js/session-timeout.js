// Sign-out warning (WCAG 2.2.1): two minutes before the session ends, an alert dialog offers one action
// to stay signed in. Progressive enhancement: without JavaScript a page sent too late is kept server-side.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || !window.fetch) { return; }
  var data = dialog.dataset;
  var warnMs = Number(data.warnSeconds) * 1000;
  var absoluteEnd = Date.now() + Number(data.absoluteSeconds) * 1000;
  var stay = dialog.querySelector("[data-stay]");
  var close = dialog.querySelector("[data-close]");
  var timers = [];
  var returnFocus = null;
  var STORE = "clinic-session-renewed";  // other tabs renew the same session

  function show(selector) {
    dialog.querySelectorAll("[data-soon], [data-final], [data-ended]").forEach(function (part) {
      part.hidden = !part.matches(selector);
    });
  }

  function open(state) {
    show("[data-" + state + "]");
    dialog.setAttribute("aria-labelledby", dialog.querySelector("h2:not([hidden])").id);
    stay.hidden = state !== "soon";
    close.hidden = state === "soon";
    if (dialog.hidden) { returnFocus = document.activeElement; }
    dialog.hidden = false;
    (stay.hidden ? close : stay).focus();
  }

  function dismiss() {
    dialog.hidden = true;
    if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
  }

  function schedule(idleSeconds) {
    timers.forEach(clearTimeout);
    var idleEnd = Date.now() + idleSeconds * 1000;
    var end = Math.min(idleEnd, absoluteEnd);
    timers = [
      setTimeout(function () { open(idleEnd < absoluteEnd ? "soon" : "final"); }, end - warnMs - Date.now()),
      setTimeout(ended, end - Date.now())
    ];
    try { localStorage.setItem(STORE, String(idleEnd)); } catch (e) { /* private mode: this tab only */ }
  }

  function ended() {
    var renewed = 0;
    try { renewed = Number(localStorage.getItem(STORE) || 0); } catch (e) { /* this tab only */ }
    if (renewed > Date.now() + 1000) { dismiss(); schedule((renewed - Date.now()) / 1000); return; }
    open("ended");
  }

  function staySignedIn() {
    fetch(data.stayUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: {"X-CSRFToken": data.csrf, "Accept": "application/json"}
    }).then(function (response) {
      if (response.status !== 200) { throw new Error("signed out"); }
      return response.json();
    }).then(function (left) {
      dismiss();
      absoluteEnd = Date.now() + left.absolute_seconds * 1000;
      schedule(left.idle_seconds);
    }).catch(ended);
  }

  stay.addEventListener("click", staySignedIn);
  close.addEventListener("click", dismiss);
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); if (stay.hidden) { dismiss(); } else { staySignedIn(); } }
    if (event.key === "Tab") { event.preventDefault(); (stay.hidden ? close : stay).focus(); }  // modal: focus stays
  });
  window.addEventListener("storage", function (event) {
    if (event.key === STORE && !dialog.hidden && !stay.hidden) { dismiss(); schedule((Number(event.newValue) - Date.now()) / 1000); }
  });
  schedule(Number(data.idleSeconds));
}());
