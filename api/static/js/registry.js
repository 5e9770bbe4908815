// The mandate registry: seats by body (holder, person for staff, substitute, period, on behalf of
// whom), filters, bodies without a seat for the sector, CSV export, and the staff form to add or
// end a mandate.

import { gql } from "./api.js";
import { autocomplete, resolve, set } from "./autocomplete.js";
import { optionsOf } from "./vocabulary.js";
import { displayDate, downloadCsv, fillSelect, guarded, h, isoToday, nameOf, say, slug, table } from "./ui.js";

const SEATS = `query Registre($asOf: Date, $bodyId: ID, $holderId: ID) {
  seatsByBody(asOf: $asOf, bodyId: $bodyId, holderId: $holderId) {
    body { id name }
    seats { id title seat seatLabel validFrom validTo holder { id name } person { id name } substitute { id name } onBehalfOf { id name } }
  }
}`;
const EXPIRING = `query Echeances($days: Int!, $asOf: Date) {
  expiringMandates(withinDays: $days, asOf: $asOf) {
    id title seat seatLabel validFrom validTo daysLeft body { id name } holder { id name } person { id name } substitute { id name } onBehalfOf { id name }
  }
}`;
const EMPTY = `query Vides($asOf: Date) {
  bodiesWithoutSectorSeat(asOf: $asOf) { body { id name } organisations { id name } otherSeats }
}`;
const CREATE = `mutation Nouveau($input: MandateInput!) { createMandate(input: $input) { id } }`;
const END = `mutation Fin($id: ID!, $validTo: Date!, $expectedRevision: Int) {
  endMandate(id: $id, validTo: $validTo, expectedRevision: $expectedRevision) { id revision }
}`;

const HEADERS = ["Instance", "Organisation titulaire", "Siège", "Personne", "Suppléant·e", "Du", "Au", "Au nom de"];
let lastRows = [];

function name(ref) {
  return ref ? ref.name || "(nom réservé à l'équipe)" : "";
}

function seatRow(body, seat) {
  return [body.name, name(seat.holder), seat.seatLabel, seat.person ? name(seat.person) : "", seat.substitute ? name(seat.substitute) : "",
    displayDate(seat.validFrom), displayDate(seat.validTo), (seat.onBehalfOf || []).map(name).join(", ")];
}

/** The filters of the form as URL parameters (ids of the entities named). */
async function filtersOf(form) {
  const [body, holder] = await Promise.all([resolve(form.body), resolve(form.holder)]);
  return {
    instance: body?.id, organisation: holder?.id, jours: form.days.value, vides: form.empty.checked ? "1" : "",
    date: form.asOf.value !== isoToday() ? form.asOf.value : "",
  };
}

/** Fill the filters from URL parameters and show the seats. */
async function apply(params, form, context) {
  const [body, holder] = await Promise.all([params.instance && nameOf(params.instance), params.organisation && nameOf(params.organisation)]);
  set(form.body, body || null);
  set(form.holder, holder || null);
  form.days.value = params.jours || "";
  form.empty.checked = params.vides === "1";
  form.asOf.value = params.date || isoToday();
  if (Object.values(params).some(Boolean)) await show(form, context);
  else document.getElementById("mandats-resultat").replaceChildren();
}

async function show(form, context) {
  const result = document.getElementById("mandats-resultat");
  const asOf = form.asOf.value || isoToday();
  return guarded(async () => {
    if (form.empty.checked) {
      const data = await gql(EMPTY, { asOf });
      lastRows = data.bodiesWithoutSectorSeat.map((b) => [b.body.name, b.organisations.map(name).join(", "), String(b.otherSeats)]);
      result.replaceChildren(lastRows.length
        ? table("Instances sans siège du secteur de l'intégration", ["Instance", "Organisation", "Autres sièges"], lastRows)
        : h("p", { role: "status" }, `Le secteur de l'intégration siège dans chaque instance connue au ${displayDate(asOf)}.`));
      lastRows.unshift(["Instance", "Organisation", "Autres sièges"]);
      return;
    }
    const bodyId = form.body.dataset.id || null;
    const holderId = form.holder.dataset.id || null;
    let seats = [];
    if (form.days.value) {
      const data = await gql(EXPIRING, { days: Number(form.days.value), asOf });
      seats = data.expiringMandates.map((s) => ({ body: s.body, seat: s }));
    } else {
      const data = await gql(SEATS, { asOf, bodyId, holderId });
      seats = data.seatsByBody.flatMap((b) => b.seats.map((s) => ({ body: b.body, seat: s })));
    }
    if (bodyId) seats = seats.filter((s) => s.body.id === bodyId);
    if (holderId) seats = seats.filter((s) => s.seat.holder.id === holderId);
    const rows = seats.map(({ body, seat }) => seatRow(body, seat));
    const staff = context.session.role !== "anonymous";
    const withActions = seats.map(({ body, seat }, i) => {
      const cells = rows[i].slice();
      if (staff) cells.push(endControl(body, seat, form, context));
      return cells;
    });
    const headers = staff ? [...HEADERS, "Fin du mandat"] : HEADERS;
    const who = [form.holder.value && `de ${form.holder.value}`, form.body.value && `à ${form.body.value}`].filter(Boolean).join(" ");
    result.replaceChildren(
      seats.length
        ? table(`${seats.length} siège(s) ${who} au ${displayDate(asOf)}`.replace(/\s+/g, " "), headers, withActions)
        : h("p", { role: "status" }, `Aucun siège ${who} au ${displayDate(asOf)}.`.replace(/\s+/g, " ")),
    );
    lastRows = [HEADERS, ...rows];
  });
}

function mandateName(body, seat) {
  return `${seat.holder.name || ""} à ${body.name}`;
}

/** A date field and a button ending a mandate at that date (no prompt: keyboard and screen readers). */
function endControl(body, seat, form, context) {
  const label = mandateName(body, seat);
  const date = h("input", { type: "date", value: seat.validTo || isoToday(), "aria-label": `Date de fin du mandat ${label}` });
  const button = h("button", {
    type: "button", "aria-label": `Terminer le mandat ${label}`,
    onclick: () => guarded(async () => {
      if (!date.value) throw new Error(`Choisissez la date de fin du mandat ${label}.`);
      await gql(END, { id: seat.id, validTo: date.value });
      await show(form, context);
      say(`Mandat de ${label} terminé au ${displayDate(date.value)}.`, "info");
    }),
  }, "Terminer");
  return h("span", { class: "end-mandate" }, date, button);
}

export async function initRegistry(context) {
  const form = document.getElementById("filtres-mandats");
  form.asOf.value = isoToday();
  autocomplete(form.body, { labels: ["Body"], what: "instance" });
  autocomplete(form.holder, { labels: ["Organisation"], what: "organisation" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => context.navigate("mandats", await filtersOf(form)));
  });
  document.getElementById("mandats-csv").addEventListener("click", () => {
    if (lastRows.length) downloadCsv("mandats.csv", lastRows);
    else say("Affichez d'abord des mandats à exporter.");
  });
  const create = document.getElementById("form-mandat");
  autocomplete(create.body, { labels: ["Body"], what: "instance" });
  autocomplete(create.holder, { labels: ["Organisation"], what: "organisation titulaire" });
  autocomplete(create.onBehalfOf, { labels: ["Organisation"], what: "organisation représentée" });
  fillSelect(create.seat, optionsOf("SeatType").map((o) => ({ value: o.value.toUpperCase(), label: o.label })), false);
  create.addEventListener("submit", async (event) => {
    event.preventDefault();
    await guarded(async () => {
      const [body, holder, behalf] = await Promise.all([resolve(create.body), resolve(create.holder), resolve(create.onBehalfOf)]);
      if (!body) throw new Error("Indiquez l'instance où siège le mandat.");
      if (!holder) throw new Error("Indiquez l'organisation titulaire du mandat.");
      const input = {
        id: slug(`${holder.id}-${body.id}-${create.seat.value}-${create.validFrom.value || isoToday()}`),
        body: body.id, holder: holder.id, seat: create.seat.value,
        title: create.intitule.value.trim() || null,
        onBehalfOf: behalf ? [behalf.id] : [],
        validFrom: create.validFrom.value || null, validTo: create.validTo.value || null,
      };
      if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
        throw new Error("La date de fin du mandat précède sa date de début.");
      }
      await gql(CREATE, { input });
      create.reset();
      for (const field of [create.body, create.holder, create.onBehalfOf]) set(field, null);
      await context.navigate("mandats", { organisation: holder.id });
      say(`Mandat de ${holder.name} à ${body.name} enregistré.`, "info");
    });
  });
  context.onRoleChange(() => context.refresh("mandats"));
  return (params) => apply(params, form, context);
}
