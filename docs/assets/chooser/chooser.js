// The framework chooser (overview/chooser.md). No framework, no network: the rules and texts are
// JSON files next to this script. The decision function is also imported by the tests (with
// node) and must give the same answers as guide_tools/chooser/decide.py; see contributing/pages-and-translations.md,
// "The framework chooser".

/** Recommend a framework for `answers` ({questionId: answerId}) under `rules` (rules.json). */
export function recommend(rules, answers) {
  const scores = Object.fromEntries(rules.frameworks.map((f) => [f, 0]));
  const chosen = [];
  for (const question of rules.questions) {
    const answer = question.answers.find((a) => a.id === answers[question.id]);
    if (!answer) continue;
    chosen.push(answer);
    for (const [framework, points] of Object.entries(answer.scores)) scores[framework] += points;
  }
  if (chosen.length === 0) return null;
  let framework = rules.tie_break[0];
  for (const candidate of rules.tie_break) {
    if (scores[candidate] > scores[framework]) framework = candidate;
  }
  const byId = Object.fromEntries(rules.reasons.map((r) => [r.id, r]));
  const reasons = [];
  for (const answer of chosen) {
    for (const id of answer.reasons) {
      if (byId[id].frameworks.includes(framework) && !reasons.includes(id)) reasons.push(id);
    }
  }
  return { framework, scores, reasons };
}

/** The URL of a reason's link ("../compare/admin.md#model-admin") from the built chooser page,
 * which is served as overview/chooser/ (directory URLs). */
export function pageHref(link) {
  const [path, anchor] = link.split("#");
  let url = path;
  if (url.endsWith("index.md")) url = url.slice(0, -"index.md".length);
  else if (url.endsWith(".md")) url = url.slice(0, -".md".length) + "/";
  return "../" + url + (anchor ? "#" + anchor : "");
}

function element(tag, attributes = {}, text = null) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== null) el.textContent = text;
  return el;
}

function render(root, rules, text) {
  const form = element("form", { class: "chooser__form" });
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const question of rules.questions) {
    const fieldset = element("fieldset", { class: "chooser__question" });
    fieldset.append(element("legend", {}, text.questions[question.id].text));
    for (const answer of question.answers) {
      const id = `chooser-${question.id}-${answer.id}`;
      const row = element("div", { class: "chooser__answer" });
      row.append(element("input", { type: "radio", name: `chooser-${question.id}`, id, value: answer.id }));
      row.append(element("label", { for: id }, text.questions[question.id].answers[answer.id]));
      fieldset.append(row);
    }
    form.append(fieldset);
  }
  const reset = element("button", { type: "reset", class: "md-button" }, text.ui.reset);
  form.append(reset);
  // The suggestion so far, kept in view at the bottom of the window while the reader answers (the
  // full result is below the form, out of view): a link to it. Not a live region: the result is one.
  const live = element("p", { class: "chooser__live", hidden: "" });
  const liveLink = element("a", { href: "#chooser-result" });
  live.append(liveLink);
  form.append(live);
  const result = element("div", { class: "chooser__result", id: "chooser-result", role: "status", "aria-live": "polite" });

  const update = () => {
    const answers = Object.fromEntries(new FormData(form).entries());
    const ids = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k.replace(/^chooser-/, ""), v]));
    const outcome = recommend(rules, ids);
    result.replaceChildren();
    live.hidden = !outcome;
    if (!outcome) {
      result.append(element("p", {}, text.ui.empty));
      return;
    }
    const answered = Object.keys(ids).length;
    const name = rules.names[outcome.framework];
    liveLink.textContent = `${text.ui.result.replace("{framework}", name)} · ${text.ui.see}`;
    const heading = element("p", { class: "chooser__verdict" });
    heading.append(element("strong", {}, text.ui.result.replace("{framework}", name)));
    result.append(heading);
    result.append(element("p", {}, text.ui.answered
      .replace("{answered}", answered).replace("{total}", rules.questions.length)));
    if (outcome.reasons.length) {
      result.append(element("p", {}, text.ui.why));
      const list = element("ul");
      for (const id of outcome.reasons) {
        const item = element("li");
        item.append(element("a", { href: pageHref(rules.reasons.find((r) => r.id === id).link) }, text.reasons[id]));
        list.append(item);
      }
      result.append(list);
    }
    const scores = rules.frameworks.map((f) => `${rules.names[f]} ${outcome.scores[f]}`).join(" · ");
    result.append(element("p", { class: "chooser__scores" }, `${text.ui.scores} ${scores}`));
  };
  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update));
  root.replaceChildren(form, result);
  update();
}

async function start() {
  const root = document.getElementById("chooser-app");
  if (!root) return;
  const lang = document.documentElement.lang || "en";
  const load = async (name) => {
    const response = await fetch(new URL(name, import.meta.url));
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return response.json();
  };
  try {
    const [rules, text] = await Promise.all([load("rules.json"), load(`${lang}.json`)]);
    render(root, rules, text);
  } catch (error) {
    console.error("chooser:", error); // the static questions on the page stay visible
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
