// « Signaler une erreur »: when the reader picks another part of the page, the corrected
// text field shows that part's current text, unless the reader already changed it.
// Without JavaScript the field keeps the text it was opened with (the server knows which).
(function () {
  "use strict";
  var data = document.getElementById("section-texts");
  var select = document.getElementById("section");
  var field = document.getElementById("proposed");
  var prefilled = document.querySelector('input[name="prefilled"]');
  if (!data || !select || !field || !prefilled) { return; }
  var texts = JSON.parse(data.textContent);
  select.addEventListener("change", function () {
    var shown = texts[prefilled.value];
    if (shown === undefined || field.value.trim() === shown.trim()) {
      field.value = texts[select.value] || "";
      prefilled.value = select.value;
    }
  });
})();
