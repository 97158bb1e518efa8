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
 * "Page › Section". Ranked: all the words first; the guide's own passages before the link
 * directory's entries; the words as a phrase; query words as whole words of the title, and a
 * title that is the question before one that only contains it; the phrase more often; then
 * Lunr's score without the page bonus. Words are compared as Lunr compares them: by their
 * stems ("family" and "families" are both "famili"), stop words left out.
 *
 * A custom worker that speaks Material's message protocol is its documented way to change
 * search. overrides/hooks/language_outputs.py points the page's search at this file and
 * passes Material's worker as ?material=… */
"use strict"

const SETUP = 0
const QUERY = 2
const RESULT = 3
const WORD = /[\p{L}\p{N}]+/gu
const SOURCES = "links/" // the link directory (docs/links.*.md), relative to the language's root
const materialWorker = new URL(new URL(self.location.href).searchParams.get("material"), self.location.href)
let language = null // the index's language, when it has exactly one and is stemmed
const pages = new Map() // location -> { title, plain, stems, titleStems } from the index, for the ranking
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

/* The stems of a text's words, stop words left out: what Lunr indexed for it. */
function stemsOf(text) {
  return (text.match(WORD) || []).filter(word => !isStopWord(word)).map(stem)
}

/* The stems of an item's words (title and text) and of its title's words, once per item. */
function stemmed(item) {
  const page = pages.get(item.location)
  if (!page) return null
  if (!page.stems) {
    page.stems = stemsOf(page.plain)
    page.titleStems = stemsOf(plainText(page.title))
  }
  return page
}

/* Matched as Lunr matches a query word: a prefix of the stem of a word in the text. Comparing
 * the query's stem with the text as written misses words the stemmer changes ("family" →
 * "famili"). */
function matches(word, s) {
  return word.startsWith(s)
}

function wordsFound(item, stems) {
  const page = stemmed(item)
  if (!page) return 0
  return stems.filter(s => page.stems.some(word => matches(word, s))).length
}

/* Query words that are a whole word of the title ("taakstelling" over "Taakstellingsvolgsysteem"). */
function titleWords(item, stems) {
  const page = stemmed(item)
  if (!page) return 0
  return stems.filter(s => page.titleStems.includes(s)).length
}

/* The share of the title's words that are query words: a title that is the question
 * ("family reunification") before one that contains it ("Practical: health care and family
 * reunification"). */
function titleShare(item, stems) {
  const page = stemmed(item)
  if (!page || !page.titleStems.length) return 0
  return page.titleStems.filter(word => stems.includes(word)).length / page.titleStems.length
}

/* The query words in a row, stop words between them ignored as Lunr ignores them
 * ("pays for interpreters" for "who pays the interpreter"). */
function phraseCount(item, stems) {
  const page = stemmed(item)
  if (!page || stems.length < 2) return 0
  const words = page.stems
  let count = 0
  for (let i = 0; i + stems.length <= words.length; i++) {
    if (stems.every((s, k) => matches(words[i + k], s))) count++
  }
  return count
}

/* The link directory lists other sites' pages: where to read on, not the answer. */
function isSource(item) {
  return item.location.startsWith(SOURCES)
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
    item, all: wordsFound(item, entry.stems), source: isSource(item), phrases: phraseCount(item, entry.stems),
    title: titleWords(item, entry.stems), share: titleShare(item, entry.stems), score: baseScore(item)
  }))
  ranked.sort((a, b) =>
    (b.all - a.all) || // every query word
    (a.source - b.source) || // a passage of the guide, not the link directory
    (!a.phrases - !b.phrases) || // the words as a phrase ("health insurance", not "health … insurance")
    (b.title - a.title) || (b.share - a.share) || // in the title, and the title is the question
    (b.phrases - a.phrases) || // about the phrase, not about each word: says it more often
    (b.score - a.score))
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
