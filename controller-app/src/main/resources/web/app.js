// flowlb dashboard: polls the REST API and draws, per VIP, each member's share of new connections
// over time. Plain DOM and SVG, no library: the page must work offline, served by the controller.
"use strict";

const POLL_MS = 1500;
const HISTORY = 60;                     // samples kept per member: 90 s at 1.5 s
const COLORS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#b7791f", "#e53e3e"];
const SVG = "http://www.w3.org/2000/svg";

const history = new Map();              // vip id -> Map(member id -> [share...])
let token = sessionStorage.getItem("flowlb-token") || "";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

async function getJson(path) {
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const r = await fetch(path, { headers, cache: "no-store" });
  if (r.status === 401) {
    document.getElementById("token-form").hidden = false;
    throw new Error("the REST token is needed to read");
  }
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function setStatus(state, text) {
  const s = document.getElementById("status");
  s.dataset.state = state;
  s.textContent = text;
}

function renderSwitches(switches) {
  const body = document.querySelector("#switches tbody");
  body.replaceChildren(...switches.map(s => el("tr", { "data-dpid": s.dpid },
    el("td", {}, s.dpid), el("td", {}, s.address), el("td", {}, s.version),
    el("td", { class: "num" }, s.ports), el("td", { class: "num" }, s.flows), el("td", { class: "num" }, s.groups),
    el("td", { class: "num" }, s.packet_ins), el("td", { class: "num" }, s.errors))));
  document.getElementById("no-switches").hidden = switches.length > 0;
}

function remember(dist) {
  let members = history.get(dist.vip_id);
  if (!members) history.set(dist.vip_id, members = new Map());
  const present = new Set();
  for (const m of dist.members) {
    present.add(m.member_id);
    const h = members.get(m.member_id) || [];
    h.push(m.share);
    if (h.length > HISTORY) h.shift();
    members.set(m.member_id, h);
  }
  for (const id of [...members.keys()]) if (!present.has(id)) members.delete(id);
  return members;
}

function chart(vipId, members, colorOf) {
  const W = 600, H = 180, L = 36, R = 8, T = 8, B = 18;
  const s = svg("svg", { class: "share-chart", id: "chart-" + vipId, "data-vip": vipId,
    viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img",
    "aria-label": "share of new connections per member of VIP " + vipId });
  for (const frac of [0, 0.25, 0.5, 0.75, 1]) {
    const y = T + (H - T - B) * (1 - frac);
    s.append(svg("line", { class: "grid", x1: L, x2: W - R, y1: y, y2: y }));
    const label = svg("text", { class: "axis-label", x: 2, y: y + 3 });
    label.textContent = Math.round(frac * 100) + "%";
    s.append(label);
  }
  const step = (W - L - R) / (HISTORY - 1);
  for (const [id, shares] of members) {
    const x0 = W - R - step * (shares.length - 1);
    const pts = shares.map((v, i) => `${(x0 + i * step).toFixed(1)},${(T + (H - T - B) * (1 - v)).toFixed(1)}`);
    if (pts.length === 1) pts.push(pts[0]);
    s.append(svg("polyline", { class: "series", "data-member": id, stroke: colorOf(id), points: pts.join(" ") }));
    const last = pts[pts.length - 1].split(",");
    s.append(svg("circle", { class: "marker", "data-member": id, cx: last[0], cy: last[1], r: 3, fill: colorOf(id) }));
  }
  return s;
}

function healthBadge(m) {
  if (m.admin_state !== "up") return el("span", { class: "badge " + m.admin_state }, m.admin_state);
  return el("span", { class: "badge " + m.health }, m.health);
}

function renderVip(vip, dist) {
  const members = remember(dist);
  const ids = dist.members.map(m => m.member_id);
  const colorOf = id => COLORS[ids.indexOf(id) % COLORS.length];
  const rows = dist.members.map(m => el("tr", { "data-member": m.member_id },
    el("td", {}, el("span", { class: "swatch", style: "background:" + colorOf(m.member_id) }), m.member_id),
    el("td", {}, m.address + (m.port ? ":" + m.port : "")),
    el("td", {}, healthBadge(m)),
    el("td", { class: "num" }, m.weight),
    el("td", { class: "num share" }, el("span", { class: "bar", style: `width:${Math.round(m.share * 60)}px` }),
      (m.share * 100).toFixed(1) + "%"),
    el("td", { class: "num" }, m.active_connections),
    el("td", { class: "num" }, m.total_connections)));
  const where = `${vip.address}${vip.port ? ":" + vip.port : ""} ${vip.protocol} · ${vip.mode}` +
    (vip.pool_id ? ` · pool ${vip.pool_id}` : " · no pool") + (vip.name ? ` · ${vip.name}` : "");
  return el("article", { class: "vip", id: "vip-" + vip.id, "data-vip": vip.id },
    el("h3", {}, "VIP " + vip.id),
    el("div", { class: "meta" }, where),
    dist.members.length ? chart(vip.id, members, colorOf) : el("p", { class: "empty" }, "No member."),
    el("table", { class: "members" },
      el("thead", {}, el("tr", {}, el("th", {}, "Member"), el("th", {}, "Address"), el("th", {}, "Health"),
        el("th", { class: "num" }, "Weight"), el("th", { class: "num" }, "Share"),
        el("th", { class: "num" }, "Active"), el("th", { class: "num" }, "Total"))),
      el("tbody", {}, ...rows)));
}

function renderVips(vips, dists) {
  const byVip = new Map(dists.map(d => [d.vip_id, d]));
  const cards = vips.map(v => renderVip(v, byVip.get(v.id) || { vip_id: v.id, members: [] }));
  document.getElementById("vips").replaceChildren(...cards);
  document.getElementById("no-vips").hidden = vips.length > 0;
  for (const id of [...history.keys()]) if (!byVip.has(id)) history.delete(id);
}

async function poll() {
  try {
    const [switches, vips, dists] = await Promise.all([
      getJson("/api/v1/switches"), getJson("/api/v1/vips"), getJson("/api/v1/distribution")]);
    renderSwitches(switches);
    renderVips(vips, dists);
    setStatus("ok", "live · " + new Date().toLocaleTimeString());
  } catch (e) {
    setStatus("error", e.message);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

document.getElementById("token-form").addEventListener("submit", ev => {
  ev.preventDefault();
  token = document.getElementById("token").value.trim();
  sessionStorage.setItem("flowlb-token", token);
  document.getElementById("token-form").hidden = true;
});
document.getElementById("interval").textContent = (POLL_MS / 1000).toString();
document.getElementById("window").textContent = Math.round(HISTORY * POLL_MS / 1000).toString();
poll();
