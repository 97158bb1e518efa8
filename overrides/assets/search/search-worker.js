/* Search in the reader's language, with stemming: Material's own search worker, unchanged,
 * behind a small front that stems each query word before Material sees the query.
 *
 * Why: the index is built with the page language's stemmer (mkdocs.yml: pipeline), but
 * Material turns every query word into a prefix search ("gemeenten*"), and Lunr does not
 * stem prefix terms. Stemming the word here first ("gemeent*") lets "gemeenten" find
 * "gemeente", and "municipalities" find "municipality", while typing half a word still works.
 *
 * A custom worker that speaks Material's message protocol is its documented way to change
 * search. overrides/hooks/language_outputs.py points the page's search at this file and
 * passes Material's worker as ?material=… */
"use strict"

const SETUP = 0
const QUERY = 2
const materialWorker = new URL(new URL(self.location.href).searchParams.get("material"), self.location.href)
let language = null // the index's language, when it has exactly one and is stemmed

// Material loads its stemmers relative to its own folder ("../lunr/…"), not to this file's.
const importFromHere = self.importScripts.bind(self)
self.importScripts = (...urls) => importFromHere(...urls.map(url => new URL(url, materialWorker).href))

function stemmer() {
  const lunr = self.lunr
  if (!language || !lunr) return null
  return language === "en" ? lunr.stemmer : lunr[language] && lunr[language].stemmer
}

/* Each run of letters or digits becomes its stem; everything else (+, -, ~2, ^3, "…", *)
 * is kept for Material. Field names ("title:") are left as they are. */
function stemQuery(query) {
  const stem = stemmer()
  if (!stem) return query
  return query.replace(/[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu,
    word => stem(new self.lunr.Token(word.toLowerCase())).toString())
}

// Registered before Material's own listener, so it sees (and may rewrite) each message first.
addEventListener("message", event => {
  const message = event.data
  if (message.type === SETUP) {
    const { lang, pipeline } = message.data.config
    language = lang.length === 1 && pipeline.includes("stemmer") ? lang[0] : null
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = stemQuery(message.data)
  }
})

importFromHere(materialWorker.href)
