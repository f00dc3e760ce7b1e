// The rich-text editor's toolbar in Danish. django-prose-editor translates its dialogs with gettext (the Danish
// catalogue is locale/da/LC_MESSAGES/djangojs.po) but writes its toolbar's titles and menu items in English; this
// gives each button a Danish title and accessible name and each menu item Danish text, also for editors that
// appear later (a new section or link added to the form).
// The library's English names, marked for Django's JavaScript catalogue (locale/da/LC_MESSAGES/djangojs.po) and
// translated where they appear; the catalogue is the admin's jsi18n script, loaded before this one.
const TERMS = new Set([
  gettext_noop("bold"),
  gettext_noop("italic"),
  gettext_noop("underline"),
  gettext_noop("strike"),
  gettext_noop("subscript"),
  gettext_noop("superscript"),
  gettext_noop("insert link"),
  gettext_noop("remove link"),
  gettext_noop("unordered list"),
  gettext_noop("ordered list"),
  gettext_noop("blockquote"),
  gettext_noop("paragraph"),
  gettext_noop("Paragraph"),
  gettext_noop("horizontal rule"),
  gettext_noop("undo"),
  gettext_noop("redo"),
  gettext_noop("edit HTML"),
  gettext_noop("Code"),
  gettext_noop("Code block"),
  gettext_noop("figure"),
  gettext_noop("Insert table"),
  gettext_noop("Merge cells"),
  gettext_noop("Split cell"),
  gettext_noop("Heading 1"),
  gettext_noop("Heading 2"),
  gettext_noop("Heading 3"),
  gettext_noop("Heading 4"),
  gettext_noop("Heading 5"),
  gettext_noop("Heading 6"),
  gettext_noop("Styles"),
  gettext_noop("HTML"),
])
const danish = (english) => (english && TERMS.has(english) ? gettext(english) : null)

function translate(root) {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const text = danish(element.getAttribute(attribute))
      if (text) element.setAttribute(attribute, text)
    }
    if (element.matches("button.material-icons") && !element.hasAttribute("aria-label") && element.title) {
      element.setAttribute("aria-label", element.title)  // the icon's ligature ("format_bold") is no name
    }
  }
  for (const element of root.querySelectorAll(".prose-menubar *")) {
    if (element.children.length === 0) {
      const text = danish(element.textContent.trim())
      if (text && !element.classList.contains("material-icons")) element.textContent = text
    }
  }
}

// The link dialog says "Ret link" whether or not there is a link yet: a new one is "Indsæt link".
function nameLinkDialogs(root) {
  for (const dialog of root.querySelectorAll("dialog:not([data-vf-named])")) {
    const title = dialog.querySelector(".prose-editor-dialog-title")
    const address = dialog.querySelector("input[name=href]")
    if (!title || !address) continue
    dialog.dataset.vfNamed = "true"
    if (address.value === "") {
      title.textContent = danish("insert link")
      const submit = dialog.querySelector("button[type=submit]")
      if (submit) submit.textContent = gettext("Insert")
    }
  }
}

function translateSoon() {
  translate(document)
  nameLinkDialogs(document)
  // Danish text, checked as Danish by the browser's spelling checker.
  for (const editable of document.querySelectorAll(".ProseMirror[contenteditable=true]")) {
    if (editable.getAttribute("spellcheck") !== "true") editable.setAttribute("spellcheck", "true")
    if (editable.getAttribute("lang") !== "da") editable.setAttribute("lang", "da")
  }
}

new MutationObserver(translateSoon).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ["spellcheck"],
})
document.addEventListener("DOMContentLoaded", translateSoon)
translateSoon()
