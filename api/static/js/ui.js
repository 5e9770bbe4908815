// Small DOM helpers shared by the views: building elements safely (never innerHTML with data),
// the message banner, tables and CSV downloads.

import { gql } from "./api.js";

/** Create an element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Show a message in the banner (an error by default); an empty message hides it. */
export function say(text, kind = "error") {
  const banner = document.getElementById("message");
  banner.textContent = text || "";
  banner.className = kind === "info" ? "info" : "";
  banner.hidden = !text;
}

/** Run an async action, showing its error in the banner instead of failing silently. */
export async function guarded(action) {
  try {
    say("");
    return await action();
  } catch (error) {
    say(error.message || String(error));
    return undefined;
  }
}

/** A table with a caption, column headers and rows of cells (strings or nodes). */
export function table(caption, headers, rows) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell ?? ""))))),
  );
}

/** A CSV cell, quoted, with formula-looking values neutralised for spreadsheets. */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Offer ``rows`` (arrays of values, the first being the header) as a CSV file download. */
export function downloadCsv(filename, rows) {
  const text = rows.map((row) => row.map(csvCell).join(";")).join("\r\n");
  const blob = new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
  const link = h("a", { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

/** Today as YYYY-MM-DD. */
export function isoToday() {
  return new Date().toISOString().slice(0, 10);
}

/** Fill a <select> with options [{value, label}], keeping its first option when ``keepFirst``. */
export function fillSelect(select, options, keepFirst = true) {
  const first = keepFirst ? select.querySelector("option") : null;
  select.replaceChildren(...(first ? [first] : []), ...options.map((o) => h("option", { value: o.value }, o.label)));
}

/** A date (YYYY-MM-DD) as French readers write it: « 31 décembre 2026 »; empty stays empty. */
export function displayDate(iso) {
  if (!iso) return "";
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("fr-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** An identifier made of a text: lower case, ASCII letters, digits and dashes. */
export function slug(text) {
  return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

const ENTITY = `query Nom($id: ID!) { entity(id: $id) { id name label kind } }`;

/** The entity ``id`` as {id, name, label, kind}, for a name field filled from the URL. */
export async function nameOf(id) {
  return (await gql(ENTITY, { id })).entity;
}

/** Let ``table`` show each row as a card on a narrow screen: every cell is labelled with its column's header. */
export function asCards(table) {
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, i) => { if (headers[i]) cell.dataset.label = headers[i]; });
  }
  table.classList.add("cards");
  return table;
}
