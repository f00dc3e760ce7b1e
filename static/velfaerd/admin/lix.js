// Readability (LIX) under each rich-text field, updated as the editor types.
// The same rules as velfaerd/content/readability.py: words / sentences + 100 * long words / words; a long word has more
// than six letters and no digits; sentences end at . : ! ? and at the end of a paragraph, list item or heading.
const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, blockquote"
const WORD = /\p{N}+(?:[.,/:-]\p{N}+)*|[\p{L}\p{N}]+/gu
const SENTENCE_END = /[.:!?]+(?=\s|$)/g
const LIMITS = [25, 35, 45, 55]
const EDITOR = ".ProseMirror[contenteditable]" // the menu bar draws its heading choices in a .ProseMirror too

function lix(root) {
  let words = 0, sentences = 0, long = 0
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS))
  for (const block of blocks) {
    const text = block.textContent.replace(/\s+/g, " ").trim()
    const tokens = text.match(WORD) || []
    if (!tokens.length) continue
    words += tokens.length
    long += tokens.filter((t) => t.length > 6 && !/\p{N}/u.test(t)).length
    sentences += (text.match(SENTENCE_END) || []).length
    if (!/[.:!?]$/.test(text)) sentences += 1
  }
  return words ? Math.floor(words / sentences + (100 * long) / words + 0.5) : null
}

// The scale's names and the sentence, once for every editor of the page (the editors' shared configuration).
let lixTexts = null
function shared() {
  lixTexts ??= JSON.parse(document.getElementById("velfaerd-prose-config").textContent).lix
  return lixTexts
}

function update(editable) {
  const wrapper = editable.closest(".prose-editor")
  const textarea = wrapper && wrapper.querySelector("textarea")
  const output = textarea && document.querySelector(`[data-lix-for="${textarea.id}"]`)
  if (!output) return
  const value = lix(editable)
  if (value === null) {
    output.textContent = ""
    return
  }
  const { labels, template } = shared()
  const index = LIMITS.findIndex((limit) => value < limit)
  const label = labels[index === -1 ? labels.length - 1 : index]
  output.textContent = template.replace("{value}", value).replace("{label}", label)
}

// Every change of an editor's text, whoever makes it: typing, but also what the editor does itself and fires no
// "input" event for (its toolbar, undo, paste it handles, text it replaces), and editors added with a new row.
const pending = new Set()
let scheduled = false
new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    const node = mutation.target.nodeType === Node.ELEMENT_NODE ? mutation.target : mutation.target.parentElement
    const editable = node && node.closest(EDITOR)
    if (editable) pending.add(editable)
  }
  if (pending.size && !scheduled) {
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      for (const editable of pending) update(editable)
      pending.clear()
    })
  }
}).observe(document.documentElement, { subtree: true, childList: true, characterData: true })

document.documentElement.dataset.lixReady = "true" // for tests: the score follows typing from now on
