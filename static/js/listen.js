// « Écouter »: read the easy-to-read page aloud in French (its title, headings, every
// sentence, the explained words and the help box), one piece at a time, highlighting the piece being read,
// at the speed the reader chose (kept in this browser). When the browser cannot speak,
// or has no French voice, the page says so instead of failing silently. Without
// JavaScript the controls stay hidden.
(function () {
  "use strict";
  var controls = document.querySelector("[data-listen]");
  var notice = document.querySelector("[data-listen-unavailable]");
  if (!controls) { return; }

  function unavailable(reason) {
    if (!notice) { return; }
    notice.textContent = notice.dataset[reason];
    notice.hidden = false;
  }

  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    unavailable("noSpeech");
    return;
  }
  var synth = window.speechSynthesis;
  var start = controls.querySelector("[data-listen-start]");
  var startLabel = start.querySelector("[data-label]");
  var pause = controls.querySelector("[data-listen-pause]");
  var rate = controls.querySelector("[data-listen-rate]");
  var pieces = Array.prototype.slice.call(document.querySelectorAll(
    ".falc-text h1, .falc-text h2, .falc-text h3, .falc-text .phrase, .falc-text .easy-def, " +
    ".draft-notice, " +
    ".help-box h2, .help-box .help-emergency, .help-box li"));
  var index = 0;
  var playing = false;
  var voice = null;
  var labels = { start: startLabel.textContent, stop: controls.dataset.stopLabel,
                 pause: pause.textContent, resume: controls.dataset.resumeLabel };

  try {
    var kept = window.localStorage.getItem("listen-rate");
    if (kept && rate.querySelector('option[value="' + kept + '"]')) { rate.value = kept; }
  } catch (e) { /* storage refused: the default speed */ }
  rate.addEventListener("change", function () {
    try { window.localStorage.setItem("listen-rate", rate.value); } catch (e) { /* ignored */ }
  });

  // What to say for a piece: phone numbers digit by digit (« 3 1 1 4 »), not as amounts.
  function spoken(el) {
    var copy = el.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".help-number"), function (n) {
      n.textContent = n.textContent.replace(/\s/g, "").split("").join(" ") + ", ";
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function mark(i) {
    pieces.forEach(function (el, j) { el.classList.toggle("speaking", j === i); });
    if (pieces[i]) { pieces[i].scrollIntoView({ block: "nearest" }); }
  }

  function finish() {
    playing = false;
    synth.cancel();
    mark(-1);
    startLabel.textContent = labels.start;
    pause.disabled = true;
    pause.textContent = labels.pause;
  }

  function speak(i) {
    if (!playing || i >= pieces.length) { finish(); return; }
    index = i;
    mark(i);
    var utterance = new SpeechSynthesisUtterance(spoken(pieces[i]));
    utterance.lang = "fr-FR";
    utterance.voice = voice;
    utterance.rate = parseFloat(rate.value) || 0.9;
    utterance.onend = function () { speak(index + 1); };
    synth.speak(utterance);
  }

  start.addEventListener("click", function () {
    if (playing) { finish(); return; }
    playing = true;
    startLabel.textContent = labels.stop;
    pause.disabled = false;
    speak(0);
  });
  pause.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); pause.textContent = labels.pause; }
    else { synth.pause(); pause.textContent = labels.resume; }
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });

  // Voices arrive late in some browsers: wait for them a little before deciding.
  function findVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^fr(\b|[-_])/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }
  function decide() {
    if (voice || controls.dataset.decided) { return; }
    voice = findVoice();
    if (voice) {
      controls.dataset.decided = "yes";
      controls.hidden = false;
    }
  }
  decide();
  if (!voice) {
    if ("onvoiceschanged" in synth) { synth.addEventListener("voiceschanged", decide); }
    window.setTimeout(function () {
      decide();
      if (!voice) { controls.dataset.decided = "no"; unavailable("noVoice"); }
    }, 1500);
  }
})();
