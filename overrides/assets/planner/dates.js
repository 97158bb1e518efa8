/* The planner's date arithmetic, the only one in the site: see README.md in this folder. */
(() => {
  "use strict";
  const DAY = 864e5;
  // Dates are UTC midnights, so the reader's time zone and summer time never move a day.
  const utc = (y, m, d) => new Date(Date.UTC(y, m, d));
  const daysIn = (y, m) => utc(y, m + 1, 0).getUTCDate();

  // "2026-11-30", or as Dutch readers write it: "30-11-2026", "30/11/2026", "30.11.2026".
  function parse(text) {
    const s = String(text).trim();
    let m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s), y, mo, d;
    if (m) [, y, mo, d] = m;
    else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [, d, mo, y] = m;
    else return null;
    [y, mo, d] = [+y, mo - 1, +d];
    return y >= 1990 && y < 2100 && mo >= 0 && mo < 12 && d >= 1 && d <= daysIn(y, mo) ? utc(y, mo, d) : null;
  }

  // Offsets as in docs/data/planner.yml: 2d, 6w, 3m, -2m. A month keeps the day and clamps
  // to the month's end: 30 Nov + 3m = 28 Feb (29 in a leap year), 31 Jan + 1m = 28/29 Feb.
  function add(date, offset) {
    const [, n, unit] = /^(-?\d+)([dwm])$/.exec(offset);
    if (unit !== "m") return new Date(date.getTime() + n * (unit === "w" ? 7 : 1) * DAY);
    const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + +n, y = Math.floor(months / 12), mo = months - y * 12;
    return utc(y, mo, Math.min(date.getUTCDate(), daysIn(y, mo)));
  }

  const iso = (date) => date.toISOString().slice(0, 10);
  // Today in the reader's own calendar, as a UTC midnight.
  const today = (now = new Date()) => utc(now.getFullYear(), now.getMonth(), now.getDate());
  const days = (from, to) => Math.round((to - from) / DAY);
  const formats = {};
  // locale: the page's date locale (docs/data/ui/planner.yml, dateLocale), e.g. "nl-NL".
  function format(date, locale) {
    formats[locale] = formats[locale] || new Intl.DateTimeFormat(locale,
      { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    return formats[locale].format(date);
  }

  window.plannerDates = { parse, add, iso, today, days, format };
})();
