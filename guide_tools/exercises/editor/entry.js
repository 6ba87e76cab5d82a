// The exercises' editor (docs/assets/exercises/exercise.js uses it as window.SbsEditor): CodeMirror 6
// with Python highlighting and indentation. Bundled by guide_tools/exercises/editor.py with esbuild.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentOnInput, bracketMatching, syntaxHighlighting, HighlightStyle, indentUnit } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

// Colours from the variables the site's listings use (Material's code highlighting, adjusted in
// theme.css), so the editor meets contrast in both colour schemes as the listings do (axe checks
// both); CodeMirror's default style is for a light background only.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword, t.self],
    color: "var(--md-code-hl-keyword-color)" },
  { tag: [t.string, t.special(t.string), t.regexp, t.escape], color: "var(--md-code-hl-string-color)" },
  { tag: [t.number, t.bool, t.null], color: "var(--md-code-hl-number-color)" },
  { tag: t.comment, color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))],
    color: "var(--md-code-hl-function-color)" },
  { tag: [t.className, t.definition(t.className)], color: "var(--md-code-hl-name-color)" },
  { tag: [t.operator, t.compareOperator, t.arithmeticOperator, t.logicOperator], color: "var(--md-code-hl-operator-color)" },
  { tag: [t.punctuation, t.bracket, t.separator], color: "var(--md-code-hl-punctuation-color)" },
  { tag: [t.meta, t.annotation], color: "var(--md-code-hl-special-color)" },
]);
const theme = EditorView.theme({
  "&": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "transparent" },
  ".cm-gutters": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)", border: "none" },
});

// One editor: `parent` gets it, `text` is its content, `label` its accessible name, `onChange(text)`
// is called on every edit. Tab indents; Escape then Tab leaves the editor (CodeMirror's convention).
function create(parent, text, label, onChange) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(), bracketMatching(),
        indentUnit.of("    "), python(), syntaxHighlighting(highlight), theme,
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),  // axe: the scroller has focusable content
        EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    get text() { return view.state.doc.toString(); },
    set text(value) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } }); },
    focus() { view.focus(); },
  };
}

window.SbsEditor = { create };
