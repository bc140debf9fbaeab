/*
 * d2l-notes: the reader's query, analysed the way the pages were, and the results in the order of
 * how well each section answers it. Appended to Material's search worker by the d2l-notes plugin
 * (search.py), which also makes Material's search method call d2lQuery(query, index) instead of its
 * own Chinese segmentation. Why:
 *
 * - Material adds a wildcard to every query term (type-ahead), and lunr skips the pipeline for a
 *   term with a wildcard: query words were neither stemmed nor filtered as stop words, while the
 *   pages were. "entropy*" never matched the stem "entropi", and "a*", "is*", "of*" matched every
 *   word starting with them. Here each word goes through the pipeline that built the index (the
 *   index's language: stop words, stemmer).
 * - A wildcard also made every longer word count as much as the word itself, each one added up:
 *   训练 found 训练误差, 训练样本 and 训练集 in one title and beat the page that says 训练; "use"
 *   (stem "us") found "usual". A word of the index is searched as itself, counting EXACT times; its
 *   longer forms (卷积 → 卷积层) count once, and in English, where the stemmer already joins a word's
 *   forms, only for the word being typed (the last one) or one the index lacks.
 * - Material cut a Chinese query into the words of the index but never looked at the query's last
 *   word ("交叉熵" became "交叉", which also matches 交叉验证) and stopped at the first character that
 *   began no word. Here a run of Chinese characters is split into the index's words with the
 *   fewest pieces; the last piece may be the beginning of a word, the one being typed. A character
 *   that is no word of its own (算, 查, 都) says little about the question: it counts less; it is
 *   often short for a word of two characters that holds it (算 for 计算), which are searched too.
 * - Readers type the other language's name of a term, or a short name: "dropout" on a Chinese
 *   page that says 丢弃法, 全连接层 where it says Dense 层, "mse" for the squared loss. The index's
 *   config carries the glossary's names of each term (search.py: synonyms); a query holding one
 *   name also searches the others.
 * - Ranking: lunr adds up what each query word scores, and a word in a question's title counts ten
 *   times one in its answer, so one title word shared with the query (训练, "between") beat the
 *   answer that holds every word of it. Material's own correction (up to twice the score for a
 *   section with every word) was too weak for that. Here a section's lunr score is multiplied by
 *   the share of the reader's words it holds (a word, its longer forms or a synonym), to the power
 *   COVERAGE; the words of a glossary term's name count TOPIC times in that share. A reader's
 *   question is worded like a section's title: the score is also multiplied by 1 + TITLE times the
 *   share of the reader's words the title holds, and by 1 + PHRASE times the share of the reader's
 *   consecutive word pairs that stand next to each other in the title.
 * - lunr's field length normalisation (BM25's b, lunr's default 0.75) is back: Material sets it to
 *   0, so a long answer held a word more often, and a long title more words, only by being long.
 * - Material lists results grouped by page, each page under its best section, and its other
 *   sections folded under it: a page's weakest question came before the best one of the next page.
 *   Here results are listed in the order of their score; consecutive results of one page are
 *   grouped as Material groups them, and a page further down the list shows again where its next
 *   section ranks.
 * - The index joins Chinese words with zero-width spaces (U+200B) so that the tokenizer can split
 *   them; they are taken out of the results, where a reader would copy them. The words a result
 *   lists as missing, and those the page highlights, are the reader's words.
 */
;(function () {
  "use strict"
  const TUNING = Object.assign({
    EXACT: 2, // a word of the index counts this many times as much as each of its longer forms
    COVERAGE: 2, // a section's score is multiplied by the share of the query's words it holds, to this power
    TOPIC: 2, // in that share, a word of a glossary term's name counts this many times as another
    PHRASE: 1, // a title holding all of the reader's consecutive word pairs counts 1 + PHRASE times
    TITLE: 1, // a title holding all of the reader's words counts 1 + TITLE times
    // lunr's field length normalisation (BM25's b), which Material turns off (0): a long answer held
    // a word more often than a short one because it is long, and a long title matched more words.
    b: 0.75,
  }, self.D2L_EXP || {})
  const WHOLE_HAN = /^\p{sc=Han}+$/u
  const HAN_RUNS = /(\p{sc=Han}+)/u
  const NUMBER = /^[\d.]+$/
  const SYNTAX = /^[+-]|[:^~"]/ // lunr's query syntax (presence, field, boost, fuzziness): left as typed
  const LONGEST_WORD = 16
  // What a Chinese question is made of rather than what it is about, as why, what, how, is, does
  // are among lunr's English stop words (lunr-languages' Chinese ones are single characters: 的, 是…).
  // Question titles all hold them, and a word of a title counts ten times one of an answer.
  const QUESTION_WORDS = new Set((
    "什么 为什么 为何 怎么 怎样 怎么样 如何 哪些 哪个 哪里 干什么 干嘛 是否 能否 能不能 可以 " +
    "可不可以 是不是 有没有 应该 意思 吗 呢 吧 啊 会 要 能"
  ).split(" "))

  // The names of each glossary term, from the index's config (search.py), as the setup message
  // that carries the index hands them to Material's handler.
  let names = []
  addEventListener("message", event => {
    const config = event.data && event.data.data && event.data.data.config
    if (config && Array.isArray(config.synonyms)) names = config.synonyms
  })

  // Kept with the index when it is built, before the first query: the pipeline that built it
  // (Material removes from it what the index's config leaves out) and its Chinese words.
  const build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    this.b(TUNING.b)
    // The query's words go through the pipeline that built the index in d2lQuery, and lunr is
    // given terms of the index: its search pipeline must not change them again. (lunr-languages'
    // Chinese support leaves lunr's English stemmer in it, so "dense" searched "dens", which a
    // Chinese page, not stemmed, never has.)
    this.searchPipeline.reset()
    const index = build.call(this)
    index.d2lPipeline = this.pipeline
    index.d2lWords = vocabulary(index)
    index.d2lStemmed = this.pipeline._stack.some(fn => /^stemmer/.test(fn.label || ""))
    index.d2lSynonyms = null // analysed at the first query, with the index's own pipeline
    return index
  }

  // The Chinese words of the index, the beginnings of those words, and the words of two
  // characters that hold each character.
  function vocabulary(index) {
    const words = new Set()
    const starts = new Set()
    const pairs = new Map()
    for (const term in index.invertedIndex)
      if (WHOLE_HAN.test(term)) {
        words.add(term)
        for (let end = 1; end < term.length; end++) starts.add(term.slice(0, end))
        if (term.length === 2)
          for (const char of new Set(term)) pairs.set(char, [...pairs.get(char) || [], term])
      }
    return { words, starts, pairs }
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

  // The words of a text as the index has them: split, Chinese cut into the index's words, question
  // words left out, each word with the terms the pipeline makes of it (none for a stop word).
  function analyse(text, index) {
    const separator = new RegExp(lunr.tokenizer.separator.source, "g")
    const words = []
    for (const token of text.replace(/\*/g, " ").split(separator))
      for (const [i, piece] of token.toLowerCase().split(HAN_RUNS).entries())
        for (const word of i % 2 ? segment(piece, index.d2lWords) : [piece])
          if (word && !QUESTION_WORDS.has(word))
            words.push({ word, stems: index.d2lPipeline.runString(word) })
    return words.filter(({ stems }) => stems.length)
  }

  // Each name of each term, as the terms of the index it is made of.
  function synonyms(index) {
    if (!index.d2lSynonyms)
      index.d2lSynonyms = names.map(group => group
        .map(name => analyse(name, index).map(({ stems }) => stems[0]))
        .filter(terms => terms.length && terms.every(term => term in index.invertedIndex)))
    return index.d2lSynonyms
  }

  self.d2lQuery = function (query, index) {
    // lunr query terms, as [term, boost]: a word as itself counts EXACT, each longer form of it 1.
    const clauses = []
    const words = [] // the reader's words: what each is searched as, its weight, its synonyms
    const typed = query.trim().split(/\s+/)
    for (const [p, part] of typed.entries()) {
      if (SYNTAX.test(part)) {
        clauses.push(part)
        continue
      }
      for (const { word, stems } of analyse(part, index)) {
        const single = [...word].length === 1
        const keys = new Map() // query term -> what the reader typed of it (highlighted in the page)
        const searched = [] // [term, boost]
        const prefixes = [] // what a longer form of the word begins with
        for (const stem of stems) {
          // What the word and its stem begin with (entropy, entropi: entrop): it finds the stem in
          // the index, and the word in the page that Material highlights it on.
          let prefix = stem
          while (prefix && !word.startsWith(prefix)) prefix = prefix.slice(0, -1)
          prefix = prefix || stem
          const known = stem in index.invertedIndex
          // Longer forms of the word: a single character, a number or a known English word
          // mid-query has none worth finding (y_hat for y, 184 for 18, usual for use).
          const longer = !single && !NUMBER.test(stem) &&
            (!known || !index.d2lStemmed || p === typed.length - 1)
          // A Chinese character that is no word of its own (算, 查, 都) says little of the question.
          const exact = single && WHOLE_HAN.test(word) ? 1 : TUNING.EXACT
          if (known) {
            searched.push([stem, exact])
            keys.set(stem, prefix)
          }
          // Such a character is often short for a word of two that holds it (算 for 计算, 选 for
          // 选择, 大 for 过大): those words are searched too, each counting 1, as a longer form does.
          if (single && WHOLE_HAN.test(word))
            for (const other of index.d2lWords.pairs.get(word) || []) {
              searched.push([other, 1])
              keys.set(other, other)
            }
          if (longer) {
            searched.push([prefix, 0]) // 0: no boost, and the wildcard Material adds
            prefixes.push(prefix)
            keys.set(prefix, prefix)
          }
        }
        // In a section's share of the query's words, such a character counts as what it is searched
        // with: one part in EXACT + 1 of a word.
        const weight = single && WHOLE_HAN.test(word) ? 1 / (TUNING.EXACT + 1) : 1
        if (searched.length) words.push({ word, stem: stems[0], weight, keys, prefixes, searched, aliases: [] })
      }
    }
    // The names of glossary terms that the query holds: what the question is about. Their words
    // count TOPIC times as much as the others in a section's share of the query's words: a section
    // on the term that words the rest of the question otherwise is a better answer than one that
    // shares the rest of the question's words and names the term in passing. The other
    // names of such a term are searched as well, its parts sharing one word's weight; a section
    // that has all of them holds the words of the name it stands for.
    const stems = words.map(w => w.stem)
    for (const group of synonyms(index))
      for (const name of group)
        for (let at = 0; at + name.length <= stems.length; at++) {
          if (!name.every((term, i) => stems[at + i] === term)) continue
          const named = words.slice(at, at + name.length)
          for (const w of named) w.term = true
          // Not a longer name holding this one (softmax 函数 for softmax), nor one the query holds.
          const others = group.filter(other => !name.every(term => other.includes(term)) &&
            !other.every(term => stems.includes(term)))
          for (const other of others) {
            for (const term of other) named[0].searched.push([term, other.length === 1 ? TUNING.EXACT : 1])
            for (const w of named) w.aliases.push(other)
          }
        }
    for (const w of words) {
      if (w.term) w.weight *= TUNING.TOPIC
      // lunr reads a boost as a whole number; Material adds a wildcard to a term without one.
      for (const [term, boost] of w.searched) clauses.push(boost ? `${term}^${boost}` : term)
    }
    self.d2lLast = { words, index }
    return clauses.join(" ")
  }

  // Whether a term of the index is one the reader's word ``w`` is searched as.
  const matches = (term, w) => w.keys.has(term) || w.prefixes.some(prefix => term.startsWith(prefix)) ||
    w.aliases.some(alias => alias.length === 1 && alias[0] === term)

  // A title's words as the index has them, kept: the same titles come back with every query.
  const titles = new Map()
  function titleWords(title, index) {
    const plain = title.replace(/<[^>]*>/g, "") // Material's <mark>s
    if (!titles.has(plain)) titles.set(plain, analyse(plain, index).map(({ stems }) => stems[0]))
    return titles.get(plain)
  }

  // The share of the reader's words that a title holds, each with its weight.
  function titleShare(terms, words) {
    const weight = list => list.reduce((sum, w) => sum + w.weight, 0)
    return weight(words.filter(w => terms.some(term => matches(term, w)))) / (weight(words) || 1)
  }

  // How many pairs of the reader's consecutive words stand next to each other in a title (stop
  // words and question words left out on both sides), as a share of the pairs: "maximum likelihood
  // estimation" is one question's title word for word, and a title that names maximum likelihood
  // and Bayesian estimation holds the same words.
  function phrases(terms, words) {
    if (words.length < 2) return 0
    let pairs = 0
    for (let i = 0; i + 1 < words.length; i++)
      if (terms.some((term, j) => matches(term, words[i]) && j + 1 < terms.length && matches(terms[j + 1], words[i + 1])))
        pairs++
    return pairs / (words.length - 1)
  }

  // Material's results again, scored by lunr's score times the share of the reader's words held.
  function rank(groups, { words, index }) {
    const total = words.reduce((sum, w) => sum + w.weight, 0)
    const items = []
    const pages = new Map()
    for (const group of groups)
      for (const item of group) {
        if (!item.location.includes("#")) pages.set(item.location, item)
        if (item.score === 0) continue // the page Material adds to a group that lacks it
        const terms = item.terms
        const keys = Object.keys(terms)
        // Material multiplied lunr's score by 1 + (page + share of query terms found)²: undone.
        const found = keys.length ? keys.filter(key => terms[key]).length / keys.length : 0
        const lunrScore = item.score / (1 + (+!item.location.includes("#") + found) ** 2)
        let held = 0
        const shown = {}
        for (const w of words) {
          const own = [...w.keys].filter(([key]) => terms[key])
          const alias = w.aliases.filter(terms_ => terms_.every(term => terms[term]))
          if (own.length || alias.length) held += w.weight
          for (const [, prefix] of own) shown[prefix] = true
          for (const terms_ of alias) for (const term of terms_) shown[term] = true
          if (!own.length && !alias.length && w.weight === 1) shown[w.word] = false
        }
        const share = total ? held / total : 1
        // The question a reader asks is a section's title: one that holds more of the reader's
        // words, and holds them in the reader's order, is more likely the one asked.
        const heading = titleWords(item.title, index)
        const title = (1 + TUNING.TITLE * titleShare(heading, words)) * (1 + TUNING.PHRASE * phrases(heading, words))
        items.push({ ...item, terms: shown, score: lunrScore * share ** TUNING.COVERAGE * title })
      }
    items.sort((a, b) => b.score - a.score)
    // Consecutive results of a page form a group, which starts with the page's own entry.
    const result = []
    for (const item of items) {
      const page = item.location.split("#")[0]
      const last = result[result.length - 1]
      if (last && last.page === page) last.items.push(item)
      else result.push({ page, items: [item] })
    }
    return result.map(({ page, items }) => items.some(item => item.location === page) || !pages.has(page)
      ? items
      : [...items, { ...pages.get(page), score: 0, terms: {} }])
  }

  // Material's worker answers with postMessage({type, data: {items: [[document, ...], ...]}}).
  const post = self.postMessage.bind(self)
  self.postMessage = function (message, ...rest) {
    const data = message && message.data
    if (data && Array.isArray(data.items)) {
      if (self.d2lLast) data.items = rank(data.items, self.d2lLast)
      for (const group of data.items)
        for (const item of group)
          for (const field of ["title", "text"])
            if (typeof item[field] === "string") item[field] = item[field].replace(/\u200b/g, "")
    }
    return post(message, ...rest)
  }
})()
