// « Écouter »: read the easy-to-read text aloud in French, one sentence at a time,
// highlighting the sentence being read. The controls stay hidden when the browser
// has no speech synthesis (and without JavaScript, since only this file shows them).
(function () {
  "use strict";
  var controls = document.querySelector("[data-listen]");
  if (!controls || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return;
  }
  var start = controls.querySelector("[data-listen-start]");
  var pause = controls.querySelector("[data-listen-pause]");
  var sentences = Array.prototype.slice.call(document.querySelectorAll(".falc-text .phrase, .falc-text h2"));
  var synth = window.speechSynthesis;
  var index = 0;
  var playing = false;
  var labels = { start: start.textContent, stop: controls.dataset.stopLabel || "Arrêter",
                 pause: pause.textContent, resume: controls.dataset.resumeLabel || "Reprendre" };

  function mark(i) {
    sentences.forEach(function (el, j) { el.classList.toggle("speaking", j === i); });
    if (sentences[i]) { sentences[i].scrollIntoView({ block: "nearest" }); }
  }

  function finish() {
    playing = false;
    synth.cancel();
    mark(-1);
    start.textContent = labels.start;
    pause.disabled = true;
    pause.textContent = labels.pause;
  }

  function speak(i) {
    if (!playing || i >= sentences.length) { finish(); return; }
    index = i;
    mark(i);
    var utterance = new SpeechSynthesisUtterance(sentences[i].textContent);
    utterance.lang = "fr-FR";
    utterance.rate = 0.9;
    utterance.onend = function () { speak(index + 1); };
    synth.speak(utterance);
  }

  start.addEventListener("click", function () {
    if (playing) { finish(); return; }
    playing = true;
    start.textContent = labels.stop;
    pause.disabled = false;
    speak(0);
  });
  pause.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); pause.textContent = labels.pause; }
    else { synth.pause(); pause.textContent = labels.resume; }
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  controls.hidden = false;
})();
