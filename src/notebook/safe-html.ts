// The HTML of a shared notebook made safe to open: a notebook's markdown cells and its
// text/html outputs are anyone's text, and the exported page is opened from disk, where a
// `<script>`, an `onerror` handler, an `<iframe srcdoc>` or a `javascript:` link would run
// with the reader's privileges. Jupyter itself sanitises untrusted notebooks the same way.
// The allow-list keeps what Jupyter renders from markdown: headings, lists, tables (with
// their alignment), images, links, code (with its language class), quotes, task lists,
// details, and math as text for a math renderer; plus the inline styles of linmap's own
// HTML tables. Everything else is dropped; script and style elements with their content.
import sanitizeHtml from "sanitize-html";

/** CSS values made of words, numbers, units, colours and lists: no url(), no expression(). */
const PLAIN_CSS = [/^[-#\w.,% ]+$/];
const STYLES = Object.fromEntries(
  [
    "border", "border-collapse", "border-left", "border-bottom", "border-top", "border-right", "padding", "margin",
    "text-align", "vertical-align", "white-space", "font-family", "font-size", "font-weight", "font-style",
    "line-height", "color", "background-color", "width", "height", "max-width",
  ].map((p) => [p, PLAIN_CSS]),
);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "del", "ins", "details", "summary", "input", "center"],
  allowedAttributes: {
    // No id or name: an element so named would shadow the page's own globals (DOM clobbering).
    "*": ["class", "title", "style", "align", "lang", "dir"],
    a: ["href"],
    img: ["src", "alt", "width", "height"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    ol: ["start", "type"],
    // GitHub-flavoured task lists: a checkbox that cannot be used.
    input: ["type", "checked", "disabled"],
  },
  allowedStyles: { "*": STYLES },
  allowedSchemes: ["http", "https", "mailto"],
  // Images may be embedded (notebooks attach them as data: URLs); an <img> runs no script.
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowProtocolRelative: false,
  transformTags: {
    // Only the task-list checkbox survives, and never as a working control.
    input: (tagName, attribs) => (attribs["type"] === "checkbox" ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs["checked"] !== undefined ? { checked: "" } : {}) } } : { tagName: "span", attribs: {} }),
  },
};

/** `html` with everything that could run, load a frame or submit removed. */
export function safeHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
