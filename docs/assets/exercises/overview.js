/* The overview of exercises (overview/how_to_use.md#all-exercises): marks each framework's
   exercise this browser solved, from what exercise.js saved (localStorage, sbs-exercise:<name>).
   Without JavaScript, or with storage off, the cells say where each exercise can be checked. */
(function () {
  "use strict";
  var SOLVED = { en: "\u2713 Solved", ko: "\u2713 완료", ru: "\u2713 Решено" };
  var lang = (document.documentElement.lang || "en").slice(0, 2);
  var label = SOLVED[lang] || SOLVED.en;
  document.querySelectorAll("[data-sbs-exercise-state]").forEach(function (cell) {
    var state = {};
    try { state = JSON.parse(localStorage.getItem("sbs-exercise:" + cell.dataset.sbsExerciseState)) || {}; } catch (error) { /* storage off */ }
    if (state.solved) {
      cell.textContent = label;
      cell.classList.add("sbs-exercise-state--solved");
    }
  });
})();
