// Every control of the admin's screens has a name a screen reader can say (WCAG 4.1.2), also those that scripts
// draw after the page has loaded, and Django's own that have none:
// - the rich-text editor's writing area, and the box and search field of the admin's autocomplete fields
//   (select2), named after their field's label; select2 also puts its "clear all" button inside its list of
//   chosen items, where only list items may be: it is moved beside the list;
// - inputs in a table (a list's editable column, a tabular inline's cells), named by their column's heading and
//   their row;
// - the help icons of the two-list permission picker, whose aria-label needs a role to be allowed.
const labelOf = (id) => document.querySelector(`label[for="${CSS.escape(id)}"]`)

function nameByLabel(element, id) {
  const label = id && labelOf(id)
  if (!label || element.hasAttribute("aria-labelledby") || element.hasAttribute("aria-label")) return
  if (!label.id) label.id = `${id}-label`
  element.setAttribute("aria-labelledby", label.id)
}

function name(root) {
  for (const editable of root.querySelectorAll(".prose-editor .ProseMirror[contenteditable]")) {
    nameByLabel(editable, editable.closest(".prose-editor")?.querySelector("textarea")?.id)
  }
  for (const container of root.querySelectorAll(".select2-container")) {
    const select = container.previousElementSibling
    if (!select || select.tagName !== "SELECT") continue
    const search = container.querySelector(".select2-search__field")
    if (search) nameByLabel(search, select.id)
    const shown = container.querySelector(".select2-selection__rendered[role=textbox]")
    if (shown) nameByLabel(shown, select.id)
    const box = container.querySelector(".select2-selection[role=combobox]")
    const label = labelOf(select.id)
    if (box && label) {
      if (!label.id) label.id = `${select.id}-label`
      const by = box.getAttribute("aria-labelledby") || ""
      if (!by.split(" ").includes(label.id)) box.setAttribute("aria-labelledby", `${label.id} ${by}`.trim())
    }
    const list = container.querySelector("ul.select2-selection__rendered")
    for (const stray of list ? [...list.children].filter((child) => child.tagName !== "LI") : []) {
      list.before(stray)
    }
  }
}

function nameTableInputs(root) {
  for (const field of root.querySelectorAll("table td input:not([type=hidden]), table td select, table td textarea")) {
    if (field.labels?.length || field.hasAttribute("aria-label") || field.hasAttribute("aria-labelledby")) continue
    const cell = field.closest("td")
    const table = cell.closest("table")
    const heading = table.tHead?.rows[0]?.cells[cell.cellIndex]?.textContent.replace(/\s+/g, " ").trim()
    const row = cell.parentElement.querySelector("th")?.textContent.replace(/\s+/g, " ").trim()
    if (heading) field.setAttribute("aria-label", row ? `${heading}: ${row}` : heading)
  }
  for (const icon of root.querySelectorAll(".help-tooltip[aria-label]:not([role])")) icon.setAttribute("role", "img")
}

let pending = false
new MutationObserver(() => {
  if (pending) return
  pending = true
  requestAnimationFrame(() => {
    pending = false
    name(document)
    nameTableInputs(document)
  })
}).observe(document.documentElement, { childList: true, subtree: true })
name(document)
nameTableInputs(document)
