/* The home page's "this week" count of the arrival planner (README.md in this folder). */
(() => {
  "use strict";
  const D = window.plannerDates, { fill, onPage } = window.hervestigersDom;
  function init() {
    const span = document.querySelector("[data-planner-due]"), api = window.hervestigersStore;
    if (!span || !api || !D) return;
    const T = [span.dataset.count, span.dataset.late];
    const render = () => {
      const plan = api.plan(), start = plan && plan.arrival && D.parse(plan.arrival), today = D.today(), end = D.add(today, "6d");
      let due = 0, late = 0;
      for (const pair of start ? span.dataset.items.split(" ").filter(Boolean) : []) {
        const [id, offset] = pair.split(":"), date = D.add(start, offset);
        if (api.status(id) !== "todo" || date > end) continue;
        due++;
        if (date < today) late++;
      }
      span.hidden = !start;
      span.querySelector("a").textContent = fill(T[0], due) + (late ? fill(T[1], late) : "");
    };
    api.subscribe(render);
    render();
  }
  onPage(init);
})();
