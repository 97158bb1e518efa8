/* Offline copy and installing: registers the site's service worker, asks for persistent
 * storage, and says when a new version of the guide has been loaded. See README.md here. */
(() => {
  "use strict"
  const script = document.currentScript
  if (!script || !("serviceWorker" in navigator)) return
  // This file is at assets/offline/ below the site root, wherever the site is hosted.
  const root = new URL("../../", script.src)
  const lang = document.documentElement.lang
  const TEXT = {
    nl: { updated: "Deze gids is bijgewerkt. Laad de pagina opnieuw om de nieuwste versie te lezen.",
          reload: "Opnieuw laden", close: "Sluiten" },
    en: { updated: "This guide has been updated. Reload the page to read the latest version.",
          reload: "Reload", close: "Close" }
  }
  const T = TEXT[lang] || TEXT.nl

  function showUpdated() {
    if (document.querySelector(".offline-update")) return
    const box = document.createElement("div")
    box.className = "offline-update"
    box.setAttribute("role", "status")
    const text = document.createElement("p")
    text.textContent = T.updated
    const reload = document.createElement("button")
    reload.type = "button"
    reload.textContent = T.reload
    reload.addEventListener("click", () => location.reload())
    const close = document.createElement("button")
    close.type = "button"
    close.textContent = T.close
    close.addEventListener("click", () => box.remove())
    box.append(text, reload, close)
    document.body.append(box)
  }

  // A page that had a worker and gets a new one was loaded from the previous version.
  const hadController = !!navigator.serviceWorker.controller
  navigator.serviceWorker.addEventListener("controllerchange", () => { if (hadController) showUpdated() })

  navigator.serviceWorker.register(new URL("service-worker.js", root), { scope: root.href }).then(registration => {
    navigator.serviceWorker.ready.then(ready => ready.active && ready.active.postMessage({ type: "cache-language", lang }))
    // A reader who comes back to the tab gets the check a new page view would do.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {})
    })
  }).catch(() => {}) // no worker (private window, blocked): the site works online as before

  // Ticks live in this browser's storage; persistent storage keeps the browser from clearing it.
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persisted().then(done => done || navigator.storage.persist()).catch(() => {})
  }
})()
