/*
 * d2l-notes: the reader's query, analysed the way the pages were. Appended to Material's search
 * worker by the d2l-notes plugin (search.py), which also makes Material's search method call
 * d2lQuery(query, index) instead of its own Chinese segmentation. Why:
 *
 * - Material adds a wildcard to every query term (type-ahead), and lunr skips the pipeline for a
 *   term with a wildcard: query words were neither stemmed nor filtered as stop words, while the
 *   pages were. "entropy*" never matched the stem "entropi", and "a*", "is*", "of*" matched every
 *   word starting with them. Here each word goes through the pipeline that built the index (the
 *   index's language: stop words, stemmer), then Material adds its wildcard to what is left.
 * - Material cut a Chinese query into the words of the index but never looked at the query's last
 *   word ("交叉熵" became "交叉", which also matches 交叉验证) and stopped at the first character that
 *   began no word. Here a run of Chinese characters is split into the index's words with the
 *   fewest pieces; the last piece may be the beginning of a word, the one being typed.
 * - The index joins Chinese words with zero-width spaces (U+200B) so that the tokenizer can split
 *   them; they are taken out of the results, where a reader would copy them.
 */
;(function () {
  "use strict"
  const WHOLE_HAN = /^\p{sc=Han}+$/u
  const HAN_RUNS = /(\p{sc=Han}+)/u
  const SYNTAX = /^[+-]|[:^~"]/ // lunr's query syntax (presence, field, boost, fuzziness): left as typed
  const LONGEST_WORD = 16
  // What a Chinese question is made of rather than what it is about, as why, what, how, is, does
  // are among lunr's English stop words (lunr-languages' Chinese ones are single characters: 的, 是…).
  // Question titles all hold them, and a word of a title counts ten times one of an answer.
  const QUESTION_WORDS = new Set((
    "什么 为什么 为何 怎么 怎样 怎么样 如何 哪些 哪个 哪里 干什么 干嘛 是否 能否 能不能 可以 " +
    "可不可以 是不是 有没有 应该 意思 吗 呢 吧 啊 会 要 能"
  ).split(" "))

  // Kept with the index when it is built, before the first query: the pipeline that built it
  // (Material removes from it what the index's config leaves out) and its Chinese words.
  const build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    const index = build.call(this)
    index.d2lPipeline = this.pipeline
    index.d2lWords = vocabulary(index)
    return index
  }

  // The Chinese words of the index, and the beginnings of those words.
  function vocabulary(index) {
    const words = new Set()
    const starts = new Set()
    for (const term in index.invertedIndex)
      if (WHOLE_HAN.test(term)) {
        words.add(term)
        for (let end = 1; end < term.length; end++) starts.add(term.slice(0, end))
      }
    return { words, starts }
  }

  // The fewest pieces that are words of the index; a character that is none costs two pieces.
  function segment(run, { words, starts }) {
    const cost = [0]
    const cut = [0]
    for (let end = 1; end <= run.length; end++) {
      cost[end] = Infinity
      for (let begin = Math.max(0, end - LONGEST_WORD); begin < end; begin++) {
        const piece = run.slice(begin, end)
        const known = words.has(piece) || (end === run.length && starts.has(piece))
        const price = known ? 1 : end - begin === 1 ? 2 : Infinity
        if (cost[begin] + price < cost[end]) {
          cost[end] = cost[begin] + price
          cut[end] = begin
        }
      }
    }
    const pieces = []
    for (let end = run.length; end > 0; end = cut[end]) pieces.unshift(run.slice(cut[end], end))
    return pieces
  }

  self.d2lQuery = function (query, index) {
    const separator = new RegExp(lunr.tokenizer.separator.source, "g")
    const terms = []
    for (const part of query.trim().split(/\s+/)) {
      if (SYNTAX.test(part)) {
        terms.push(part)
        continue
      }
      for (const token of part.replace(/\*/g, " ").split(separator))
        for (const [i, piece] of token.toLowerCase().split(HAN_RUNS).entries()) {
          const words = i % 2 ? segment(piece, index.d2lWords) : [piece]
          for (const word of words)
            if (word && !QUESTION_WORDS.has(word))
              for (const stem of index.d2lPipeline.runString(word)) {
                // What the word and its stem begin with (entropy, entropi: entrop), which Material
                // then completes with its wildcard: it finds the stem in the index, and the word in
                // the page Material highlights it on (which "entropi" would not).
                let term = stem
                while (term && !word.startsWith(term)) term = term.slice(0, -1)
                term = term || stem
                // A single character (x, y, 层) is a word of its own, not the beginning of one: no
                // wildcard for it ("y*" matched y_hat, yield and every other word starting with y).
                // Material adds none to a term with a boost, and ^1 changes no score.
                if (term) terms.push([...term].length === 1 ? `${term}^1` : term)
              }
        }
    }
    return terms.join(" ")
  }

  // Material's worker answers with postMessage({type, data: {items: [[document, ...], ...]}}).
  const post = self.postMessage.bind(self)
  self.postMessage = function (message, ...rest) {
    const items = message && message.data && message.data.items
    if (Array.isArray(items))
      for (const group of items)
        for (const item of group)
          for (const field of ["title", "text"])
            if (typeof item[field] === "string") item[field] = item[field].replace(/\u200b/g, "")
    return post(message, ...rest)
  }
})()
