/* The site's service worker: an offline copy of the guide, one complete version at a time.
 * See README.md in this folder. The build (scripts/site_build/offline.py) writes this file to
 * the site root with BUILD filled in: the version and, per language, every file to keep. */
"use strict"

const BUILD = "__OFFLINE_BUILD__"
const SCOPE = new URL(self.registration.scope)
// The scope is in the name: two sites on one origin (GitHub Pages) keep apart.
const PREFIX = "offline-guide:" + SCOPE.pathname + ":"
const CACHE = PREFIX + BUILD.version
const LANGUAGES = Object.keys(BUILD.languages)

const full = path => new URL(path, SCOPE).href
// Stored last: a language counts as cached only when every one of its files is.
const marker = lang => full("__offline-complete__/" + lang)

function languageOf(url) {
  const first = new URL(url).pathname.slice(SCOPE.pathname.length).split("/")[0]
  return LANGUAGES.includes(first) ? first : BUILD.default
}

/* All or nothing: every file of the language is fetched (past the HTTP cache) and held in
 * memory; a failed download throws before anything is stored. */
async function download(lang) {
  return Promise.all(BUILD.languages[lang].map(async path => {
    const response = await fetch(full(path), { cache: "no-cache", credentials: "same-origin" })
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
    // A redirected response cannot answer a navigation: keep its body under the asked URL.
    const body = new Response(await response.blob(), { status: 200, headers: response.headers })
    return [full(path), body]
  }))
}

async function store(cache, lang, responses) {
  for (const [url, response] of responses) await cache.put(url, response)
  await cache.put(marker(lang), new Response(BUILD.version))
}

async function cachedLanguages() {
  const found = new Set()
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue
    const cache = await caches.open(name)
    for (const lang of LANGUAGES) if (await cache.match(marker(lang))) found.add(lang)
  }
  return found
}

// The languages the reader uses: those of the last version, and those of the open pages.
async function wantedLanguages() {
  const wanted = await cachedLanguages()
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    if (client.url.startsWith(SCOPE.href)) wanted.add(languageOf(client.url))
  }
  if (!wanted.size) wanted.add(BUILD.default)
  return [...wanted]
}

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    // A failed download rejects here, before this version has a cache: the old version stays
    // in charge, and the browser tries the update again on the next page view.
    const wanted = await wantedLanguages()
    const downloads = await Promise.all(wanted.map(download))
    const cache = await caches.open(CACHE)
    try {
      for (const [i, lang] of wanted.entries()) await store(cache, lang, downloads[i])
    } catch (error) {
      await caches.delete(CACHE) // storage full: keep no half version
      throw error
    }
    await self.skipWaiting()
  })())
})

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name)
    }
    await self.clients.claim()
  })())
})

// A page in a language not cached yet asks for it (the other language, on its first visit).
self.addEventListener("message", event => {
  const lang = event.data && event.data.type === "cache-language" && event.data.lang
  if (!LANGUAGES.includes(lang)) return
  event.waitUntil((async () => {
    const cache = await currentCache()
    if (cache && !(await cache.match(marker(lang)))) await store(cache, lang, await download(lang))
  })().catch(() => {}))  // offline or mid-deploy: asked again on the next page of that language
})

/* This version's cache, or null once a newer version has deleted it: a worker on its way out
 * must not bring its cache back (caches.open would create it, empty). */
async function currentCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null
}

async function respond(request) {
  const cache = await currentCache()
  if (!cache) return fetch(request)
  const navigate = request.mode === "navigate"
  let cached
  try {
    cached = await cache.match(request, { ignoreSearch: navigate })
  } catch (error) {
    cached = undefined // an unreadable entry is treated as missing
  }
  if (cached && cached.ok) return cached
  try {
    const response = await fetch(request)
    // A damaged entry (stored as an error) is replaced by the good copy.
    if (cached && response.ok && !response.redirected) await cache.put(request, response.clone())
    return response
  } catch (error) {
    if (navigate) {
      const offline = await cache.match(full(BUILD.offline[languageOf(request.url)]))
      if (offline) return offline
    }
    return Response.error()
  }
}

self.addEventListener("fetch", event => {
  const request = event.request
  // Only the site's own files: other origins and other sites on this origin go to the network.
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return
  event.respondWith(respond(request))
})
