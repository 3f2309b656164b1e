// « Je n’ai pas compris »: without JavaScript the button marks the whole page. With it,
// « Montrer les phrases difficiles » lets the reader tap (or reach with Tab and press
// Enter) each sentence they did not understand; the marked sentences are sent with the
// form, by their number on the page.
(function () {
  "use strict";
  var form = document.querySelector("[data-mark-form]");
  if (!form) { return; }
  var start = form.querySelector("[data-mark-start]");
  var help = form.querySelector("[data-mark-help]");
  var phrases = Array.prototype.slice.call(document.querySelectorAll(".falc-text .phrase[id^=\"phrase-\"]"));
  if (!phrases.length) { return; }

  function number(el) { return el.id.replace("phrase-", ""); }

  function toggle(el) {
    var on = el.getAttribute("aria-pressed") !== "true";
    el.setAttribute("aria-pressed", on ? "true" : "false");
    el.classList.toggle("marked", on);
    var input = form.querySelector('input[name="phrase"][value="' + number(el) + '"]');
    if (on && !input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "phrase";
      input.value = number(el);
      form.appendChild(input);
    } else if (!on && input) {
      input.remove();
    }
  }

  start.addEventListener("click", function () {
    phrases.forEach(function (el) {
      if (el.hasAttribute("role")) { return; }
      el.setAttribute("role", "button");
      el.setAttribute("tabindex", "0");
      el.setAttribute("aria-pressed", "false");
      el.classList.add("markable");
      el.addEventListener("click", function (event) { event.preventDefault(); toggle(el); });
      el.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(el); }
      });
    });
    help.hidden = false;
    start.hidden = true;
    phrases[0].focus();
  });
  start.hidden = false;
})();
