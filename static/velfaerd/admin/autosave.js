// Nothing an editor types is lost: what is typed in a change form is kept every few seconds in this browser
// (localStorage) and on the server (the editor's own, velfaerd/editorial/autosave.py), and offered back when the
// form is opened again after a crash or a closed tab; the newer of the two is offered. Leaving a form with unsaved
// changes asks first. A save that went through (the next page says so) forgets what was kept; what this browser
// kept is keyed by the editor and cleared when they log out.
const form = document.querySelector("#content-main form[id$='_form']")
const meta = (name) => document.querySelector(`meta[name='${name}']`)?.content || ""
const KEY_PREFIX = `velfaerd:kladde:${meta("vf-user")}:`
const SERVER = meta("vf-autosave-url")
const SERVER_EVERY = 5000 // ms between two sends to the server while typing
// The texts are Danish in Django's JavaScript catalogue (the admin's jsi18n script, before this one).
const texts = {
  offer: (when) =>
    interpolate(gettext("You have changes from %s that were not saved. They are kept in this browser."), [when]),
  restore: gettext("Get the changes back"),
  discard: gettext("Discard them"),
  restored: gettext("The changes are back. Save to keep them."),
  unplaced: gettext("Text from rows that are not in the form now (copy what you need):"),
}

const skipped = (el) =>
  !el.name || el.disabled || ["hidden", "file", "password", "submit", "button", "reset"].includes(el.type) ||
  el.name === "csrfmiddlewaretoken" || el.name.includes("__prefix__")

function values() {
  const state = {}
  for (const el of form.elements) {
    if (skipped(el)) continue
    if (el.type === "checkbox" || el.type === "radio") {
      if (el.type === "radio" && !el.checked) continue
      state[el.name] = el.type === "radio" ? el.value : el.checked
    } else if (el.tagName === "SELECT") {
      const chosen = [...el.selectedOptions].map((o) => ({ value: o.value, text: o.textContent }))
      state[el.name] = el.multiple ? chosen : chosen[0] || { value: "", text: "" }
    } else {
      state[el.name] = el.value
    }
  }
  return state
}

// A time the form shows as "09:00:00" after a save was typed as "09:00": the same to the editor.
const plain = (value) => (typeof value === "string" ? value.replace(/^(\d\d:\d\d):00(\.0+)?$/, "$1") : value)
const same = (a, b) => JSON.stringify(plain(a)) === JSON.stringify(plain(b))

function differences(state, base) {
  return Object.keys(state).filter((name) => !same(state[name], base[name]))
}

// A page that says a save went through: what was kept for the forms sent is no longer needed. (Entries of the
// earlier, unkeyed form go too.)
if (document.querySelector(".messagelist .success")) {
  for (const name of Object.keys(localStorage)) {
    if (!name.startsWith("velfaerd:kladde:")) continue
    try {
      if (JSON.parse(localStorage.getItem(name))?.submitted) localStorage.removeItem(name)
    } catch {
      localStorage.removeItem(name)
    }
  }
}

if (form) {
  const key = KEY_PREFIX + location.pathname
  const editors = new Map() // textarea name → rich-text editor
  const baseline = values()
  let submitting = false
  const pendingRestore = {} // rich text put back before its editor was ready

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail
    editors.set(textarea.name, editor)
    if (textarea.name in pendingRestore) editor.commands.setContent(pendingRestore[textarea.name])
    // The editor may tidy the stored HTML when it starts: that is not a change of the editor's.
    setTimeout(() => {
      if (!(textarea.name in pendingRestore)) baseline[textarea.name] = textarea.value
    })
  })

  const kept = () => {
    try {
      return JSON.parse(localStorage.getItem(key) || "null")
    } catch {
      return null
    }
  }
  const token = () => form.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""
  let sentAt = 0
  let sent = ""
  const send = (entry) => {
    if (!SERVER) return
    const body = JSON.stringify({ path: location.pathname, ...entry })
    if (body === sent) return
    sent = body
    sentAt = Date.now()
    fetch(SERVER, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token() },
    }).catch(() => {}) // offline for a moment: the next send tries again
  }
  const keep = (extra = {}) => {
    const state = values()
    const changed = differences(state, baseline)
    const entry = { at: Date.now(), fields: state, changed, ...extra }
    try {
      if (changed.length) {
        localStorage.setItem(key, JSON.stringify(entry))
      } else if (!extra.submitted) {
        localStorage.removeItem(key)
      }
    } catch {
      // Storage full or off: the server's copy and the leave warning still guard.
    }
    if (changed.length && !extra.submitted && Date.now() - sentAt >= SERVER_EVERY) send(entry)
    return changed
  }

  setInterval(() => {
    if (!submitting) keep()
  }, 3000)
  // Soon after typing stops, not on every key: a large form is serialised whole. Never after "Gem" was pressed:
  // what was sent is then the form's, and a late keep would offer it back as unsaved.
  let pending
  form.addEventListener("input", () => {
    clearTimeout(pending)
    pending = setTimeout(() => {
      if (!submitting) keep()
    }, 500)
  })
  form.addEventListener("submit", () => {
    clearTimeout(pending)
    submitting = true
    keep({ submitted: true })
  })
  window.addEventListener("beforeunload", (event) => {
    if (submitting) return
    if (keep().length) {
      event.preventDefault()
      event.returnValue = ""
    }
  })

  // What was kept last time, here or on the server (the newer), offered back unless the form shows it already.
  const hasErrors = document.querySelector(".errornote, .errorlist") !== null
  const fromServer = async () => {
    if (!SERVER) return null
    try {
      const response = await fetch(`${SERVER}?path=${encodeURIComponent(location.pathname)}`, {
        credentials: "same-origin",
      })
      return response.status === 200 ? await response.json() : null
    } catch {
      return null
    }
  }
  if (!hasErrors) {
    fromServer().then((remote) => {
      const local = kept()
      const previous = [local, remote].filter((e) => e && !e.submitted).sort((a, b) => b.at - a.at)[0]
      if (!previous) return
      const changed = (previous.changed || []).filter((name) => !same(previous.fields[name], baseline[name]))
      if (!changed.length) forgetKept()
      else offer(previous, changed)
    })
  }

  function forgetKept() {
    localStorage.removeItem(key)
    send({ forget: true })
  }

  function offer(previous, changed) {
    const when = new Date(previous.at).toLocaleString("da-DK", { dateStyle: "short", timeStyle: "short" })
    const box = document.createElement("div")
    box.className = "vf-autosave"
    box.setAttribute("role", "alert")
    const text = document.createElement("p")
    text.textContent = texts.offer(when)
    const restore = document.createElement("button")
    restore.type = "button"
    restore.className = "button default"
    restore.textContent = texts.restore
    const discard = document.createElement("button")
    discard.type = "button"
    discard.className = "button"
    discard.textContent = texts.discard
    box.append(text, restore, " ", discard)
    form.prepend(box)
    restore.addEventListener("click", () => {
      const unplaced = put(previous.fields, changed)
      reveal(changed)
      text.textContent = texts.restored
      restore.remove()
      discard.remove()
      if (unplaced.length) {
        const intro = document.createElement("p")
        intro.textContent = texts.unplaced
        const list = document.createElement("ul")
        for (const [name, value] of unplaced) {
          const item = document.createElement("li")
          item.textContent = `${name}: ${typeof value === "object" ? value.text ?? "" : value}`
          list.append(item)
        }
        box.append(intro, list)
      }
      box.setAttribute("tabindex", "-1")
      box.focus()
    })
    discard.addEventListener("click", () => {
      forgetKept()
      box.remove()
    })
  }

  // The parts that hold restored text are opened (a folded section or link row, a collapsed fieldset), so the
  // editor sees what came back.
  function reveal(names) {
    for (const name of names) {
      const el = form.elements.namedItem(name)
      const field = el instanceof RadioNodeList ? el[0] : el
      if (!field) continue
      for (let row = field.closest(".vf-collapsed"); row; row = row.parentElement?.closest(".vf-collapsed")) {
        row.querySelector(":scope > h3 .vf-toggle")?.click()
      }
      const details = field.closest("details")
      if (details) details.open = true
    }
  }

  // Puts kept values back into the form; returns those with no field to go into.
  function put(fields, names) {
    const unplaced = []
    for (const name of names) {
      const value = fields[name]
      const el = form.elements.namedItem(name)
      if (!el) {
        if (value !== "" && value !== false) unplaced.push([name, value])
        continue
      }
      if (el instanceof RadioNodeList) {
        for (const radio of el) radio.checked = radio.value === value
      } else if (el.type === "checkbox") {
        el.checked = value
      } else if (el.tagName === "SELECT") {
        const chosen = Array.isArray(value) ? value : [value]
        for (const { value: v, text } of chosen) {
          if (v && ![...el.options].some((o) => o.value === v)) el.append(new Option(text, v))
        }
        for (const option of el.options) option.selected = chosen.some(({ value: v }) => v === option.value)
      } else {
        el.value = value
        // Tiptap keeps its editor on its element, for editors that were ready before this script listened.
        const editor = editors.get(name) || el.closest(".prose-editor")?.querySelector(".tiptap")?.editor
        if (editor) editor.commands.setContent(value)
        else pendingRestore[name] = value
      }
      el.dispatchEvent(new Event("change", { bubbles: true }))
      if (window.django?.jQuery && el.classList.contains("admin-autocomplete")) django.jQuery(el).trigger("change")
    }
    return unplaced
  }
}
