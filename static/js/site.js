// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

// Type-ahead on the search boxes: titles and glossary terms from /api/v1/suggest,
// offered through a native <datalist>. Without this script the form works as is.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[type=search][name=q][data-suggest]");
  boxes.forEach(function (input, n) {
    var list = document.createElement("datalist");
    list.id = "suggestions-" + n;
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      clearTimeout(timer);
      if (text.length < 2 || text === last) { return; }
      timer = setTimeout(function () {
        last = text;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              return option;
            }));
          })
          .catch(function () { /* offline or error: the plain form still works */ });
      }, 150);
    });
  });
})();
