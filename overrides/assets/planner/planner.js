/* The arrival planner page: dates, this week, calendar file, print. See README.md in this folder.
   Shared helpers: overrides/assets/dom/ (window.hervestigersDom). */
(() => {
  "use strict";
  const D = window.plannerDates, { el, button, texts, onPage } = window.hervestigersDom;
  let lang, locale, T, t, root, store, form, message, week, summary;
  const $$ = (sel, node = root) => [...node.querySelectorAll(sel)];

  const arrival = () => store.arrival() && D.parse(store.arrival());
  const status = (id) => store.status(id);
  const who = (id) => store.who(id);

  // A stage's first and last day for an arrival date (either may be missing: open-ended).
  function span(node, start) {
    const at = node.dataset.at, from = at || node.dataset.from, to = at || node.dataset.to;
    return [from && D.add(start, from), to && D.add(start, to)];
  }
  function when([first, last]) {
    const f = (d) => D.format(d, locale);
    if (first && last) return +first === +last ? f(first) : f(first) + " – " + f(last);
    return first ? t("from", f(first)) : t("before", f(last));
  }
  const itemDue = (li, start) => D.add(start, li.dataset.due);
  const itemText = (li) => li.querySelector(".planner__tip").textContent.trim();
  const stageTitle = (node) => node.dataset.title;

  function enhance() {
    root.classList.add("planner--js");
    $$(".planner__progress", document).forEach((list) => { list.hidden = false; });
    message = el("p", { class: "planner__message", id: "planner-message", role: "status" });
    form = el("form", { class: "planner__form", novalidate: true, onsubmit: (e) => { e.preventDefault(); setDate(); } }, [
      el("p", { class: "planner__household" }),
      el("label", { for: "planner-arrival", text: T.arrival }), " ",
      el("span", { class: "planner__hint", id: "planner-hint", text: "(" + T.hint + ")" }),
      el("span", { class: "planner__row" }, [
        el("input", { id: "planner-arrival", autocomplete: "off", maxlength: 40, size: 12,
          "aria-describedby": "planner-hint planner-message" }),
        el("button", { class: "md-button md-button--primary", text: T.save }),
        button(T.clear, () => { store.setArrival(null); say(T.cleared); })
      ]),
      message
    ]);
    summary = el("p", { class: "planner__summary" });
    week = el("section", { class: "planner__week", "aria-labelledby": "planner-week" });
    const actions = el("p", { class: "planner__actions" }, [
      button(T.ics, downloadIcs), " ", button(T.print, () => window.print())
    ]);
    (document.querySelector(".planner-tools") || root).append(summary, form, week, actions);
    for (const li of $$(".planner__item")) {
      const id = li.dataset.itemId, text = el("span", { class: "planner__text", id: "planner-text-" + id }, [...li.childNodes]);
      li.append(text, el("span", { class: "planner__controls" }, [
        el("span", { class: "planner__due" }),
        el("label", { class: "planner__status" }, [
          el("span", { text: T.status, id: "planner-status-" + id }),
          el("select", { "aria-labelledby": "planner-status-" + id + " planner-text-" + id,
            onchange: (e) => store.setStatus(id, e.target.value) },
          store.statuses.map((s) => el("option", { value: s, text: T[s] })))
        ]),
        el("span", { class: "planner__who" }, [T.who + ": ", el("span", { class: "planner__who-name" })])
      ]));
    }
    for (const stage of $$(".planner__stage")) stage.querySelector(".planner__head").append(el("span", { class: "planner__date" }));
  }

  function say(text, error) {
    message.textContent = text;
    message.classList.toggle("planner__message--error", !!error);
  }

  function setDate() {
    const input = form.querySelector("input"), value = input.value.trim(), date = D.parse(value);
    input.setAttribute("aria-invalid", !date);
    if (!date) return say(t("bad", value), true);
    store.setArrival(D.iso(date));
    say(t("saved", D.format(date, locale)));
  }

  function render() {
    const start = arrival(), input = form.querySelector("input");
    form.querySelector(".planner__household").textContent = t("household", store.name());
    summary.textContent = start ? t("summary", store.name(), D.format(start, locale)) : "";
    if (input !== document.activeElement || !input.value) input.value = start ? D.iso(start).split("-").reverse().join("-") : "";
    for (const stage of $$(".planner__stage")) stage.querySelector(".planner__date").textContent = start ? when(span(stage, start)) : "";
    for (const li of $$(".planner__item")) {
      const s = status(li.dataset.itemId), name = who(li.dataset.itemId);
      li.querySelector("select").value = s;
      li.dataset.status = s;
      li.querySelector(".planner__due").textContent = start ? t("due", D.format(itemDue(li, start), locale)) : "";
      li.querySelector(".planner__who-name").textContent = name;
      li.querySelector(".planner__who").classList.toggle("planner__who--empty", !name);
    }
    renderWeek(start);
  }

  // Due in the next 7 days (today included) or overdue, and not done or not applicable.
  function thisWeek(start, today) {
    const end = D.add(today, "6d"), open = $$(".planner__item").filter((li) => status(li.dataset.itemId) === "todo");
    return {
      overdue: open.filter((li) => itemDue(li, start) < today),
      soon: open.filter((li) => { const d = itemDue(li, start); return d >= today && d <= end; }),
      // Stages that start, happen or end in these seven days.
      stages: $$(".planner__stage").filter((s) => span(s, start).some((d) => d && d >= today && d <= end)),
      end
    };
  }

  function renderWeek(start) {
    const today = D.today(), list = (title, nodes, text) => nodes.length && el("div", {}, [
      el("h3", { text: title }),
      el("ul", {}, nodes.map((n) => el("li", {}, [el("a", { href: "#" + n.id, text: text(n) })])))
    ]);
    const head = el("h2", { id: "planner-week", text: T.week });
    if (!start) return week.replaceChildren(head, el("p", { text: T.noDate }));
    const w = thisWeek(start, today), due = (li) => itemText(li).split(/(?<=[.?!])\s/)[0] + " (" + t("due", D.format(itemDue(li, start), locale)) + ")";
    week.replaceChildren(...[head, el("p", { text: t("weekSpan", D.format(today, locale), D.format(w.end, locale)) }),
      list(T.overdue, w.overdue, due), list(T.soon, w.soon, due),
      list(T.stages, w.stages, (s) => stageTitle(s) + ": " + when(span(s, start))),
      !w.overdue.length && !w.soon.length && el("p", { text: T.nothing })].filter(Boolean));
  }

  /* Calendar file (RFC 5545), made here: nothing leaves the browser. */
  const esc = (s) => String(s).replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
  const ymd = (d) => D.iso(d).replace(/-/g, "");
  function fold(line) {
    const bytes = (c) => new TextEncoder().encode(c).length;
    let out = "", len = 0;
    for (const c of line) {
      if (len + bytes(c) > 75) { out += "\r\n "; len = 1; }
      out += c;
      len += bytes(c);
    }
    return out;
  }
  function event(uid, first, last, summary, description, reminder) {
    return ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:" + new Date().toISOString().replace(/[-:]|\.\d+/g, ""),
      "DTSTART;VALUE=DATE:" + ymd(first), "DTEND;VALUE=DATE:" + ymd(D.add(last, "1d")),
      "SUMMARY:" + esc(summary), "DESCRIPTION:" + esc(description), "URL:" + location.href.split("#")[0], "TRANSP:TRANSPARENT",
      ...(reminder ? ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(summary),
        "TRIGGER:-P" + reminder.replace(/^(\d+)([dw])$/, (m, n, u) => n + u.toUpperCase()), "END:VALARM"] : []),
      "END:VEVENT"];
  }
  function calendar() {
    const start = arrival(), key = store.key(), lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hervestigers//arrival planner//" + lang.toUpperCase(),
      "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + esc(T.calendar + ": " + store.name())];
    for (const s of $$(".planner__stage")) {
      const [a, b] = span(s, start), src = T.source + ": " + s.querySelector(".planner__source a").textContent;
      lines.push(...event(s.dataset.stage + "." + key + "@hervestigers.planner", a || b, b || a, stageTitle(s),
        when([a, b]) + " (" + s.querySelector(".planner__when").textContent + "). " + src, s.dataset.reminder));
    }
    for (const li of $$(".planner__item")) {
      if (status(li.dataset.itemId) === "na") continue;
      const d = itemDue(li, start), text = itemText(li), name = who(li.dataset.itemId);
      lines.push(...event("item." + li.dataset.itemId + "." + key + "@hervestigers.planner", d, d,
        text.length > 70 ? text.slice(0, 69) + "…" : text, text + (name ? "\n" + T.who + ": " + name : "")));
    }
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }
  function downloadIcs() {
    if (!arrival()) return say(T.noDate, true);
    const slug = store.name().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const a = el("a", { href: URL.createObjectURL(new Blob([calendar()], { type: "text/calendar;charset=utf-8" })),
      download: "planner-" + (slug || "household") + ".ics" });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function init() {
    root = document.querySelector("[data-planner]");
    if (!root || root.classList.contains("planner--js")) return;
    const page = texts("planner-text");
    if (!page) return;
    ({ T, t } = page);
    lang = T.lang;
    locale = T.dateLocale;
    store = checklistStore();
    if (!store) return; // no checklist storage: the page stays the plain list of stages
    enhance();
    store.onChange(render);
    render();
  }

  // The only bridge to the checklists' storage (overrides/assets/checklist/store.js): the active
  // household's items and plan, read and written through its API, so ticks here are the ticks there.
  function checklistStore() {
    const api = window.hervestigersStore;
    if (!api) return null;
    const plan = () => api.plan() || {};
    return {
      statuses: api.STATUSES,
      status: (id) => api.status(id),
      who: (id) => api.entry(id).who || "",
      name: () => api.household().name || T.first,
      arrival: () => plan().arrival,
      // The calendar's UIDs use a key kept in the plan, so they survive export, import and renaming.
      key: () => plan().key || api.household().id,
      setArrival: (iso) => {
        const key = plan().key || Math.random().toString(36).slice(2, 10);
        api.setPlan(Object.assign({}, plan(), { key }, iso ? { arrival: iso } : { arrival: undefined }));
      },
      setStatus: (id, value) => api.setStatus(id, value),
      onChange: (fn) => api.subscribe(fn)
    };
  }

  onPage(init);
})();
