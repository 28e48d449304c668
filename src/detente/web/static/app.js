// detente workbench: the pages' small scripts (job forms, live progress, the scenario editor).
// Every request goes to this server's own /api; state changes carry the page's CSRF token.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]').content;

async function api(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch (e) { data = { error: res.statusText }; }
  if (!res.ok) throw new Error((data && (data.error || data.detail)) || res.statusText);
  return data;
}

function parseParams(text) {
  const out = {};
  for (const part of text.split(",")) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf("=");
    if (eq < 1) throw new Error(`parameters: expected key=value, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

// --- job forms: start a job, then follow it on its page ---------------------------------
for (const form of document.querySelectorAll("form.job-form")) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const err = form.querySelector('[data-testid="job-error"]');
    err.hidden = true;
    const f = new FormData(form);
    try {
      const body = {
        scenario: form.dataset.scenario,
        kind: f.get("kind"),
        model: f.get("model"),
        draws: Number(f.get("draws") || 200),
        params: parseParams(String(f.get("params") || "")),
      };
      // the seed as typed: a JS number keeps only 53 bits, so 3611209590679297393 would be
      // sent as 3611209590679297500, a seed that reproduces nothing (the server reads the text)
      if (f.get("seed") !== "") body.seed = String(f.get("seed")).trim();
      if (f.get("issue")) body.issue = f.get("issue");
      if (f.get("target") !== null && f.get("target") !== "") body.target = Number(f.get("target"));
      if (body.kind === "sensitivity") body.method = f.get("method");
      if (f.get("strategies")) body.strategies = f.get("strategies");
      const job = await api("POST", "/api/jobs", body);
      window.location.href = `/jobs/${job.id}`;
    } catch (e) {
      err.textContent = e.message;
      err.hidden = false;
    }
  });
}

// --- job page: poll the job until it is done --------------------------------------------
const jobBox = document.querySelector("[data-job]");
if (jobBox) {
  const bar = jobBox.querySelector("progress");
  const state = jobBox.querySelector('[data-testid="job-state"]');
  const count = jobBox.querySelector('[data-testid="job-count"]');
  const message = jobBox.querySelector('[data-testid="job-message"]');
  const result = jobBox.querySelector('[data-testid="job-result"]');
  const poll = async () => {
    let job;
    try { job = await api("GET", `/api/jobs/${jobBox.dataset.job}`); }
    catch (e) { message.textContent = e.message; message.hidden = false; return; }
    bar.value = job.fraction;
    state.textContent = job.state;
    count.textContent = job.total ? `${job.done.toLocaleString()} of ${job.total.toLocaleString()} · ${job.seconds} s` : `${job.seconds} s`;
    if (job.state === "done") {
      const link = result.querySelector("a");
      link.href = `/runs/${job.run_id}`;
      result.hidden = false;
      // replace, not push: Back from the results goes to the form, not to this page (which
      // would move on to the results again at once)
      setTimeout(() => { window.location.replace(link.href); }, 400);
    } else if (job.state === "failed") {
      message.textContent = job.message;
      message.hidden = false;
    } else {
      setTimeout(poll, 250);
    }
  };
  poll();
}

// --- the scenario editor ------------------------------------------------------------------
const editor = document.getElementById("editor");
if (editor) {
  const doc = JSON.parse(document.getElementById("doc").textContent);
  const status = editor.querySelector('[data-testid="validation"]');
  const problems = editor.querySelector('[data-testid="problems"]');
  const save = document.getElementById("save");
  let timer = null;
  let seq = 0;

  const asNumber = (raw) => (raw.trim() !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw);

  function setPart(path, part, raw) {
    const keys = path.split("/");
    const last = keys.pop();
    let parent = doc;
    for (const k of keys) parent = parent[k];
    let cur = parent[last];
    const isRange = cur !== null && typeof cur === "object";
    if (part === "value") {
      if (isRange) cur.value = asNumber(raw); else parent[last] = asNumber(raw);
      return;
    }
    if (raw.trim() === "") {
      if (isRange) {
        delete cur[part];
        if (cur.low === undefined && cur.high === undefined) parent[last] = cur.value;
      }
      return;
    }
    if (!isRange) { cur = { value: cur }; parent[last] = cur; }
    cur[part] = asNumber(raw);
  }

  async function check() {
    const mine = ++seq;
    status.textContent = "checking…";
    status.className = "status";
    let v;
    try { v = await api("POST", "/api/scenarios/validate", { doc }); }
    catch (e) { status.textContent = e.message; status.className = "status bad"; return; }
    if (mine !== seq) return; // a newer edit is being checked
    problems.innerHTML = "";
    for (const input of editor.querySelectorAll("input.invalid")) input.classList.remove("invalid");
    if (v.ok) {
      status.textContent = `valid: ${v.actors} actors, ${v.issues} issues`;
      status.className = "status ok";
      save.disabled = false;
    } else {
      status.textContent = `${v.problems.length} problem(s)`;
      status.className = "status bad";
      save.disabled = true;
      for (const p of v.problems) {
        const li = document.createElement("li");
        li.textContent = p.text; // text, never HTML
        problems.appendChild(li);
      }
    }
  }

  // edits not saved are asked about before the page is left (Back, a link, closing the tab)
  let unsaved = false;
  window.addEventListener("beforeunload", (ev) => {
    if (unsaved) { ev.preventDefault(); ev.returnValue = ""; }
  });

  for (const input of editor.querySelectorAll("input[data-path]")) {
    input.addEventListener("input", () => {
      unsaved = true;
      setPart(input.dataset.path, input.dataset.part, input.value);
      save.disabled = true;
      clearTimeout(timer);
      timer = setTimeout(check, 150);
    });
  }

  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const label = document.getElementById("label").value || null;
      const saved = await api("POST", "/api/scenarios", { doc, parent: editor.dataset.parent, label });
      unsaved = false;
      window.location.href = `/scenarios/${saved.sha256}`;
    } catch (e) {
      status.textContent = e.message;
      status.className = "status bad";
    }
  });
}
