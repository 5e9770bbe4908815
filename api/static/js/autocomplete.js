// Name fields with suggestions (WAI-ARIA combobox): every form and filter takes a name typed by a
// person, never an id. The chosen entity's id is kept on the input (data-id); a name typed without
// choosing is resolved by the same accent- and case-insensitive search when the form is sent.

import { gql } from "./api.js";
import { h, say } from "./ui.js";
import { kindLabel } from "./vocabulary.js";

const SEARCH = `query Noms($text: String!, $limit: Int!) { search(text: $text, limit: $limit) { id labels name acronym kind } }`;

let counter = 0;

/** Accent- and case-insensitive form of a text, to compare names. */
export function fold(text) {
  return String(text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/** Entities whose name matches ``text``, keeping only those with one of ``labels`` (all when empty). */
export async function findByName(text, labels = [], limit = 8) {
  if (!/[\p{L}\p{N}]/u.test(text || "")) return [];
  const hits = (await gql(SEARCH, { text, limit: labels.length ? 30 : limit })).search;
  return hits.filter((hit) => !labels.length || hit.labels.some((l) => labels.includes(l))).slice(0, limit);
}

/**
 * Turn ``input`` into a combobox suggesting entities with one of ``labels``; ``what`` names them in
 * messages (« organisation », « instance »…); ``onChoose(hit)`` is called when one is chosen.
 */
export function autocomplete(input, { labels = [], what = "élément", onChoose = null } = {}) {
  const id = `suggestions-${++counter}`;
  const list = h("ul", { id, role: "listbox", class: "suggestions", "aria-label": `Suggestions : ${what}`, hidden: true });
  const wrapper = h("span", { class: "combo" });
  input.replaceWith(wrapper);
  wrapper.append(input, list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);
  input.autocomplete = "off";
  let hits = [];
  let active = -1;
  let timer = null;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const render = () => {
    list.replaceChildren(...hits.map((hit, i) => h("li", {
      role: "option", id: `${id}-${i}`, "aria-selected": String(i === active),
      onmousedown: (event) => { event.preventDefault(); choose(i); },
    }, hit.name || hit.acronym, " ", h("span", { class: "kind" }, hit.acronym && hit.acronym !== hit.name ? `(${hit.acronym}) ` : "", kindLabel(hit)))));
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(hits.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const choose = (i) => {
    const hit = hits[i];
    if (!hit) return;
    set(input, hit);
    close();
    if (onChoose) onChoose(hit);
  };
  input.addEventListener("input", () => {
    delete input.dataset.id;
    clearTimeout(timer);
    const text = input.value.trim();
    // not through guarded(): suggestions arriving must not wipe a message shown meanwhile
    timer = setTimeout(async () => {
      try {
        hits = await findByName(text, labels);
      } catch (error) {
        say(error.message || String(error));
        hits = [];
      }
      active = -1;
      if (document.activeElement === input) render();
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); event.preventDefault(); }
    else if (event.key === "Enter" && hits.length) { choose(active >= 0 ? active : 0); event.preventDefault(); }
    else if (event.key === "Escape") { close(); event.preventDefault(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  input.dataset.what = what;
  input.dataset.labels = labels.join(",");
  return input;
}

/** Put entity ``hit`` ({id, name}) in a name field, as if it had been chosen. */
export function set(input, hit) {
  if (!hit) {
    input.value = "";
    delete input.dataset.id;
    return;
  }
  input.value = hit.name || hit.acronym || "";
  input.dataset.id = hit.id;
}

/**
 * The entity named in ``input``: the one chosen, else the best match of the typed name (an exact name
 * or acronym first). Null when empty; an Error naming the field and the text when nothing matches.
 */
export async function resolve(input) {
  const text = input.value.trim();
  if (!text) return null;
  if (input.dataset.id) return { id: input.dataset.id, name: text };
  const labels = input.dataset.labels ? input.dataset.labels.split(",") : [];
  const hits = await findByName(text, labels, 30);
  if (!hits.length) throw new Error(`Aucun·e ${input.dataset.what || "élément"} ne correspond à « ${text} ».`);
  const wanted = fold(text);
  const hit = hits.find((x) => fold(x.name) === wanted || fold(x.acronym) === wanted) || hits[0];
  set(input, hit);
  return hit;
}
