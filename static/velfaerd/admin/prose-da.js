// The rich-text editor's toolbar in Danish. django-prose-editor translates its dialogs with gettext (the Danish
// catalogue is locale/da/LC_MESSAGES/djangojs.po) but writes its toolbar's titles and menu items in English; this
// gives each button a Danish title and accessible name and each menu item Danish text, also for editors that
// appear later (a new section or link added to the form).
const DANISH = {
  "bold": "Fed",
  "italic": "Kursiv",
  "underline": "Understreget",
  "strike": "Gennemstreget",
  "subscript": "Sænket skrift",
  "superscript": "Hævet skrift",
  "insert link": "Indsæt link",
  "remove link": "Fjern link",
  "unordered list": "Punktopstilling",
  "ordered list": "Nummereret liste",
  "blockquote": "Citat",
  "paragraph": "Almindelig tekst",
  "Paragraph": "Almindelig tekst",
  "horizontal rule": "Vandret linje",
  "undo": "Fortryd",
  "redo": "Gentag",
  "edit HTML": "Ret HTML",
  "Code": "Kode",
  "Code block": "Kodeblok",
  "figure": "Figur",
  "Insert table": "Indsæt tabel",
  "Merge cells": "Flet celler",
  "Split cell": "Del celle",
  "Heading 1": "Overskrift 1",
  "Heading 2": "Overskrift 2",
  "Heading 3": "Overskrift 3",
  "Heading 4": "Overskrift 4",
  "Heading 5": "Overskrift 5",
  "Heading 6": "Overskrift 6",
  "Styles": "Typografier",
  "HTML": "HTML",
}

function translate(root) {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const danish = DANISH[element.getAttribute(attribute)]
      if (danish) element.setAttribute(attribute, danish)
    }
    if (element.matches("button.material-icons") && !element.hasAttribute("aria-label") && element.title) {
      element.setAttribute("aria-label", element.title)  // the icon's ligature ("format_bold") is no name
    }
  }
  for (const element of root.querySelectorAll(".prose-menubar *")) {
    if (element.children.length === 0) {
      const danish = DANISH[element.textContent.trim()]
      if (danish && !element.classList.contains("material-icons")) element.textContent = danish
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
      title.textContent = "Indsæt link"
      const submit = dialog.querySelector("button[type=submit]")
      if (submit) submit.textContent = "Indsæt"
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
