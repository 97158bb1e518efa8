/* Search in the reader's language, with stemming and answers that point at the passage:
 * Material's own search worker, unchanged, behind a small front that rewrites each query
 * before Material sees it and re-ranks each result before the page sees it.
 *
 * Why the query is rewritten: the index is built with the page language's stemmer
 * (mkdocs.yml: pipeline), but Material turns every query word into a prefix search
 * ("gemeenten*"), and Lunr does not stem prefix terms. Stemming the word here first
 * ("gemeent*") lets "gemeenten" find "gemeente", while typing half a word still works.
 * With two or more words, every word is required first ("+famili* +reunif*"): "family
 * reunification" should not list every page that says "family". Only when nothing has
 * all the words does the front ask again for any of them.
 *
 * Why the result is re-ranked: Material gives a page's intro five times the weight of its
 * sections and shows a page-level match as a link to the page top. Here each matching
 * section (h2/h3, glossary term) becomes its own result, linking to its anchor, titled
 * "Page › Section"; results with all words come first, then a phrase match, then Lunr's
 * score without the page bonus (whole title words before prefixes).
 *
 * A custom worker that speaks Material's message protocol is its documented way to change
 * search. overrides/hooks/language_outputs.py points the page's search at this file and
 * passes Material's worker as ?material=… */
"use strict"

const SETUP = 0
const QUERY = 2
const RESULT = 3
const WORD = /[\p{L}\p{N}]+/gu
const materialWorker = new URL(new URL(self.location.href).searchParams.get("material"), self.location.href)
let language = null // the index's language, when it has exactly one and is stemmed
const pages = new Map() // location -> { title, plain } from the index, for titles and phrase matches
const pending = [] // one entry per query Material is answering, in order
let latest = 0 // the number of the reader's most recent query
let internal = false // true while this front sends a query of its own

// Material loads its stemmers relative to its own folder ("../lunr/…"), not to this file's.
const importFromHere = self.importScripts.bind(self)
self.importScripts = (...urls) => importFromHere(...urls.map(url => new URL(url, materialWorker).href))

function lunrFor(name) {
  const lunr = self.lunr
  if (!language || !lunr) return null
  return language === "en" ? lunr[name] : lunr[language] && lunr[language][name]
}

function stem(word) {
  const stemmer = lunrFor("stemmer")
  return stemmer ? stemmer(new self.lunr.Token(word.toLowerCase())).toString() : word.toLowerCase()
}

function isStopWord(word) {
  const filter = lunrFor("stopWordFilter")
  return !!filter && !filter(new self.lunr.Token(word.toLowerCase()))
}

/* Each run of letters or digits becomes its stem; everything else (+, -, ~2, ^3, "…", *)
 * is kept for Material. Field names ("title:") are left as they are. */
function stemQuery(query) {
  if (!lunrFor("stemmer")) return query
  return query.replace(/[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu, word => stem(word))
}

function plainText(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&").replace(/&#39;|&rsquo;/g, "'")
    .replace(/&[a-z]+;/g, " ").toLowerCase()
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/* What to send Material for the reader's query, and what the re-ranking needs to know. */
function plan(query) {
  const entry = { id: ++latest, stems: [], fallback: null }
  if (/[+\-~^:*"]/.test(query) || !lunrFor("stemmer")) return [stemQuery(query), entry] // Lunr syntax: as written
  const words = (query.match(WORD) || []).filter(word => !isStopWord(word))
  if (!words.length) return [stemQuery(query), entry]
  entry.stems = words.map(stem)
  const any = entry.stems.join(" ")
  if (entry.stems.length < 2) return [any, entry]
  entry.fallback = any
  return [entry.stems.map(s => `+${s}*`).join(" "), entry]
}

function wordsFound(item, stems) {
  const page = pages.get(item.location)
  if (!page) return 0
  return stems.filter(s => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(s)}`, "u").test(page.plain)).length
}

/* Query words that are a whole word of the title ("taakstelling" over "Taakstellingsvolgsysteem"). */
function titleWords(item, stems) {
  const page = pages.get(item.location)
  if (!page) return 0
  if (!page.titleStems) page.titleStems = new Set((plainText(page.title).match(WORD) || []).map(stem))
  return stems.filter(s => page.titleStems.has(s)).length
}

function phraseFound(item, stems) {
  const page = pages.get(item.location)
  if (!page || stems.length < 2) return false
  const phrase = stems.map(escapeRegExp).join("[\\p{L}\\p{N}]*[^\\p{L}\\p{N}]+")
  return new RegExp(`(^|[^\\p{L}\\p{N}])${phrase}`, "u").test(page.plain)
}

/* Lunr's score without Material's bonus for page intros (score × (1 + (page + share)²)). */
function baseScore(item) {
  const terms = Object.values(item.terms || {})
  const share = terms.length ? terms.filter(Boolean).length / terms.length : 0
  const page = item.location.includes("#") ? 0 : 1
  return item.score / (1 + (page + share) ** 2)
}

function rerank(groups, entry) {
  const items = []
  for (const group of groups) {
    const sections = group.filter(item => item.location.includes("#") && item.score > 0)
    const page = group.find(item => !item.location.includes("#") && item.score > 0)
    // A page-level match is shown as its matching sections; a page only when no section matches.
    if (sections.length) items.push(...sections)
    else if (page) items.push(page)
  }
  const ranked = items.map(item => ({
    item, all: wordsFound(item, entry.stems), phrase: phraseFound(item, entry.stems),
    title: titleWords(item, entry.stems), score: baseScore(item)
  }))
  ranked.sort((a, b) => (b.all - a.all) || (b.phrase - a.phrase) || (b.title - a.title) || (b.score - a.score))
  return ranked.map(({ item }) => {
    const page = pages.get(item.location.split("#")[0])
    const title = item.location.includes("#") && page ? `${page.title} › ${item.title}` : item.title
    // One item per group: Material renders it as the result, linking to its own location.
    return [{ ...item, title }]
  })
}

function send(query, entry) {
  pending.push(entry)
  internal = true
  try {
    self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: query } }))
  } finally {
    internal = false
  }
}

const post = self.postMessage.bind(self)
self.postMessage = (message, ...rest) => {
  if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
    const entry = pending.shift()
    if (entry) {
      if (entry.fallback && !message.data.items.length && entry.id === latest) {
        send(entry.fallback, { ...entry, fallback: null }) // nothing has every word: any of them
        return
      }
      message = { ...message, data: { ...message.data, items: rerank(message.data.items, entry) } }
    }
  }
  post(message, ...rest)
}

// Registered before Material's own listener, so it sees (and may rewrite) each message first.
addEventListener("message", event => {
  if (internal) return
  const message = event.data
  if (message.type === SETUP) {
    const { lang, pipeline } = message.data.config
    language = lang.length === 1 && pipeline.includes("stemmer") ? lang[0] : null
    pages.clear()
    for (const doc of message.data.docs) {
      pages.set(doc.location, { title: doc.title, plain: plainText(`${doc.title} ${doc.text}`) })
    }
  } else if (message.type === QUERY && typeof message.data === "string") {
    const [query, entry] = plan(message.data)
    pending.push(entry)
    message.data = query
  }
})

importFromHere(materialWorker.href)
