// Sections and links of a theme page: collapsible (collapsed by default, open where there are errors, new rows
// or the field a link points at), and moved with "Flyt op"/"Flyt ned" buttons that work by keyboard. The order
// numbers are ordinary fields: what the editor types is saved; a move swaps the numbers of the two rows that
// change places, so the history shows what moved and nothing else.
// The texts are Danish in Django's JavaScript catalogue (the admin's jsi18n script, before this one).
const texts = {
  up: gettext("Move up"),
  down: gettext("Move down"),
  open: gettext("Expand"),
  close: gettext("Collapse"),
  row: gettext("The row"),
  moved: (what, n, total) => interpolate(gettext("%(what)s is moved to no. %(n)s of %(total)s."), { what, n, total }, true),
}

const live = document.createElement("div")
live.className = "visually-hidden"
live.setAttribute("aria-live", "polite")
document.body.append(live)

function rows(container) {
  return [...container.children].filter(
    (el) => el.matches(".djn-inline-form") && !el.matches(".djn-empty-form"),
  )
}

function orderInput(row) {
  return [...row.querySelectorAll("input")].find((input) => /-order$/.test(input.name) && input.closest(".djn-inline-form") === row)
}

function renumber(container) {
  rows(container).forEach((row, index) => {
    const input = orderInput(row)
    if (input) input.value = String((index + 1) * 10)
  })
}

// A row's name as editors know it: "Afsnit MASKINRUMMET…", never the buttons and boxes beside it.
function title(row) {
  const heading = row.querySelector(":scope > h3")
  if (!heading) return ""
  const label = heading.querySelector(".inline_label")
  const kind = heading.querySelector("b")?.textContent.replace(/:\s*$/, "") || ""
  const name = label ? label.textContent : ""
  return `${kind} ${name}`.replace(/\s+/g, " ").trim()
}

function setOpen(row, open) {
  row.classList.toggle("vf-collapsed", !open)
  const toggle = row.querySelector(":scope > h3 .vf-toggle")
  if (toggle) {
    toggle.setAttribute("aria-expanded", String(open))
    toggle.textContent = open ? texts.close : texts.open
  }
}

function move(row, step, button) {
  const container = row.parentElement
  const list = rows(container)
  const at = list.indexOf(row)
  const target = list[at + step]
  if (!target) return
  if (step < 0) container.insertBefore(row, target)
  else container.insertBefore(row, target.nextSibling)
  const mine = orderInput(row)
  const theirs = orderInput(target)
  if (mine && theirs && mine.value !== "" && theirs.value !== "" && mine.value !== theirs.value) {
    ;[mine.value, theirs.value] = [theirs.value, mine.value] // the two that changed places, nothing else
  } else {
    renumber(container) // numbers missing or equal: every row gets one, in the order shown
  }
  button.focus()
  live.textContent = texts.moved(title(row) || texts.row, at + step + 1, list.length)
}

function button(label, className) {
  const el = document.createElement("button")
  el.type = "button"
  el.className = `vf-inline-button ${className}`
  el.textContent = label
  return el
}

function enhance(row) {
  if (row.dataset.vfEnhanced || row.matches(".djn-empty-form")) return
  const heading = row.querySelector(":scope > h3")
  if (!heading) return
  row.dataset.vfEnhanced = "1"
  const tools = document.createElement("span")
  tools.className = "vf-inline-tools"
  const toggle = button(texts.open, "vf-toggle")
  const up = button(texts.up, "vf-up")
  const down = button(texts.down, "vf-down")
  const name = title(row)
  up.setAttribute("aria-label", `${texts.up}: ${name}`)
  down.setAttribute("aria-label", `${texts.down}: ${name}`)
  tools.append(toggle, up, down)
  heading.append(tools)
  toggle.addEventListener("click", () => setOpen(row, row.classList.contains("vf-collapsed")))
  up.addEventListener("click", () => move(row, -1, up))
  down.addEventListener("click", () => move(row, 1, down))
  const isNew = row.dataset.isInitial !== "true"
  const hasErrors = row.querySelector(".errorlist, .errornote, .errors") !== null
  setOpen(row, isNew || hasErrors)
}

function enhanceAll() {
  document.querySelectorAll(".djn-inline-form").forEach(enhance)
  openTarget()
}

// A link to a field (from content health: #id_parts-0-body) opens the rows around it.
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1))
  const target = id && document.getElementById(id)
  if (!target) return
  for (let row = target.closest(".djn-inline-form"); row; row = row.parentElement.closest(".djn-inline-form")) {
    setOpen(row, true)
  }
  const field = target.closest(".form-row") || target
  field.classList.add("vf-target")
  field.scrollIntoView({ block: "center" })
  // A rich-text field's editor may be drawn after this script ran: wait for it a little.
  let tries = 0
  const focus = () => {
    const editor = field.querySelector("[contenteditable=true]")
    if (!editor && field.querySelector(".prose-editor") && tries++ < 40) {
      setTimeout(focus, 50)
      return
    }
    const focusable = editor || field.querySelector("input:not([type=hidden]), textarea, select") || target
    focusable.focus({ preventScroll: true })
    // The editor may still be redrawn once it has loaded: focus again if focus was lost with it.
    if (tries++ < 40) {
      setTimeout(() => {
        if (!field.contains(document.activeElement)) focus()
      }, 100)
    }
  }
  focus()
}

// New rows are numbered after the last one when saved, unless the editor typed a number.
document.addEventListener("submit", (event) => {
  event.target.querySelectorAll(".djn-items").forEach((container) => {
    const list = rows(container)
    let highest = Math.max(0, ...list.map((row) => Number(orderInput(row)?.value) || 0))
    for (const row of list) {
      const input = orderInput(row)
      if (input && row.dataset.isInitial !== "true" && (!input.value || input.value === "0")) {
        highest += 10
        input.value = String(highest)
      }
    }
  })
}, true)

new MutationObserver(() => document.querySelectorAll(".djn-inline-form:not([data-vf-enhanced])").forEach(enhance))
  .observe(document.body, { childList: true, subtree: true })
window.addEventListener("hashchange", openTarget)
enhanceAll()
