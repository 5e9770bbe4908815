// The mandate registry: seats by body (holder, person for staff, substitute, period, on behalf of
// whom), filters, bodies without a seat for the sector, CSV export, and the staff form to add or
// end a mandate.

import { gql } from "./api.js";
import { downloadCsv, fillSelect, guarded, h, isoToday, say, table } from "./ui.js";

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
const BODIES = `query Instances { bodies(first: 100) { edges { node { id name } } } }`;
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
    seat.validFrom || "", seat.validTo || "", (seat.onBehalfOf || []).map(name).join(", ")];
}

async function show(form, context) {
  const result = document.getElementById("mandats-resultat");
  const asOf = form.asOf.value || isoToday();
  return guarded(async () => {
    if (form.empty.checked) {
      const data = await gql(EMPTY, { asOf });
      lastRows = data.bodiesWithoutSectorSeat.map((b) => [b.body.name, b.organisations.map(name).join(", "), String(b.otherSeats)]);
      result.replaceChildren(table("Instances sans siège du secteur de l'intégration", ["Instance", "Organisation", "Autres sièges"], lastRows));
      lastRows.unshift(["Instance", "Organisation", "Autres sièges"]);
      return;
    }
    let rows = [];
    let seats = [];
    if (form.days.value) {
      const data = await gql(EXPIRING, { days: Number(form.days.value), asOf });
      seats = data.expiringMandates.map((s) => ({ body: s.body, seat: s }));
    } else {
      const data = await gql(SEATS, { asOf, bodyId: form.body.value || null, holderId: form.holder.value.trim() || null });
      seats = data.seatsByBody.flatMap((b) => b.seats.map((s) => ({ body: b.body, seat: s })));
    }
    if (form.body.value) seats = seats.filter((s) => s.body.id === form.body.value);
    if (form.holder.value.trim()) seats = seats.filter((s) => s.seat.holder.id === form.holder.value.trim());
    rows = seats.map(({ body, seat }) => seatRow(body, seat));
    const withActions = seats.map(({ body, seat }, i) => {
      const cells = rows[i].slice();
      if (context.session.role !== "anonymous") {
        cells.push(h("button", { type: "button", "aria-label": `Terminer le mandat ${seat.id}`, onclick: () => endMandate(seat, form, context) }, "Terminer"));
      }
      return cells;
    });
    const headers = context.session.role !== "anonymous" ? [...HEADERS, "Action"] : HEADERS;
    result.replaceChildren(
      seats.length ? table(`${seats.length} siège(s) au ${asOf}`, headers, withActions) : h("p", {}, "Aucun siège ne correspond à ces filtres."),
    );
    lastRows = [HEADERS, ...rows];
  });
}

async function endMandate(seat, form, context) {
  const when = prompt(`Date de fin du mandat « ${seat.title || seat.id} » (AAAA-MM-JJ) :`, isoToday());
  if (!when) return;
  await guarded(async () => {
    await gql(END, { id: seat.id, validTo: when, expectedRevision: seat.revision ?? null });
    await show(form, context);
    say(`Mandat ${seat.id} terminé au ${when}.`, "info");
  });
}

export async function initRegistry(context) {
  const form = document.getElementById("filtres-mandats");
  form.asOf.value = isoToday();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(form, context);
  });
  document.getElementById("mandats-csv").addEventListener("click", () => {
    if (lastRows.length) downloadCsv("mandats.csv", lastRows);
    else say("Affichez d'abord des mandats à exporter.");
  });
  const create = document.getElementById("form-mandat");
  create.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(create).entries());
    for (const key of Object.keys(values)) if (values[key] === "") delete values[key];
    await guarded(async () => {
      await gql(CREATE, { input: values });
      create.reset();
      await show(form, context);
      say(`Mandat ${values.id} enregistré.`, "info");
    });
  });
  context.onRoleChange(() => show(form, context));
  await guarded(async () => {
    const data = await gql(BODIES);
    fillSelect(document.getElementById("mandats-instance"), data.bodies.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
  });
}
