// Rereading (/relire/…): « Toucher les mots difficiles » turns each word of the text into
// a button; a tap adds the word to « mots que vous ne comprenez pas » (a second tap takes
// it back). Without JavaScript the reader types the words in the field instead.
(function () {
  "use strict";
  var start = document.querySelector("[data-words-start]");
  var field = document.getElementById("words");
  if (!start || !field) { return; }

  function words() {
    return field.value.split(",").map(function (w) { return w.trim(); })
      .filter(function (w) { return w; });
  }

  function toggle(button) {
    var word = button.textContent.replace(/^[«"(]+|[.,;:!?»")]+$/g, "");
    var list = words();
    var at = list.indexOf(word);
    if (at >= 0) { list.splice(at, 1); } else { list.push(word); }
    field.value = list.join(", ");
    document.querySelectorAll(".reread-word").forEach(function (b) {
      var w = b.textContent.replace(/^[«"(]+|[.,;:!?»")]+$/g, "");
      b.setAttribute("aria-pressed", list.indexOf(w) >= 0 ? "true" : "false");
    });
  }

  start.addEventListener("click", function () {
    document.querySelectorAll(".reread-phrase [data-sentence]").forEach(function (span) {
      var parts = span.textContent.split(/(\s+)/);
      span.textContent = "";
      parts.forEach(function (part) {
        if (!part.trim()) { span.appendChild(document.createTextNode(part)); return; }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "reread-word";
        button.textContent = part;
        button.setAttribute("aria-pressed", "false");
        button.addEventListener("click", function (event) {
          event.preventDefault();
          toggle(button);
        });
        span.appendChild(button);
      });
    });
    start.hidden = true;
    document.querySelector("[data-words-help]").hidden = false;
    var first = document.querySelector(".reread-word");
    if (first) { first.focus(); }
  });
  start.hidden = false;
})();
