/* Offline copy and installing: registers the site's service worker, asks for persistent
 * storage, and says when a new version of the guide has been loaded. See README.md here. */
(() => {
  "use strict"
  const script = document.currentScript
  if (!script || !("serviceWorker" in navigator)) return
  // This file is at assets/offline/ below the site root, wherever the site is hosted.
  const root = new URL("../../", script.src)
  const lang = document.documentElement.lang

  function showUpdated() {
    const source = document.getElementById("site-text") // the page's texts (main.html, docs/data/ui/offline.yml)
    if (!source || document.querySelector(".offline-update")) return
    const T = JSON.parse(source.textContent)
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
