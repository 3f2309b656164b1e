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

// The comparison tray without leaving one's place: a link marked data-tray (add or
// remove a practice) fetches its page, whose tray and « Ajouter » links are swapped into
// this one; the address follows. Without this script the links load the page as usual.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !history.replaceState) { return; }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-tray]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    var origin = link.closest(".compare-slot");
    fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var slot = document.getElementById("tray-slot");
        var fresh = page.getElementById("tray-slot");
        if (!slot || !fresh) { throw new Error("no tray"); }
        slot.replaceChildren.apply(slot, Array.prototype.slice.call(fresh.childNodes));
        document.querySelectorAll(".compare-slot[data-slug]").forEach(function (here) {
          var there = page.querySelector('.compare-slot[data-slug="' + here.dataset.slug + '"]');
          if (there) { here.replaceChildren.apply(here, Array.prototype.slice.call(there.childNodes)); }
        });
        history.replaceState(null, "", link.href);
        // Keep the keyboard where it was: on the link's place, else on the tray.
        var place = origin && document.contains(origin) ? origin : document.getElementById("tray-title");
        if (place) {
          if (!place.hasAttribute("tabindex")) { place.setAttribute("tabindex", "-1"); }
          place.focus({ preventScroll: true });
        }
      })
      .catch(function () { window.location.href = link.href; });
  });
})();

// Copy buttons for the evaluation links: shown only where the browser can copy.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  var status = document.querySelector(".copy-status");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = status.dataset.copied; }
      }, function () {
        field.select();
        if (status) { status.textContent = status.dataset.failed; }
      });
    });
  });
})();
