// The rich-text editor's link dialog finds the site's own pages by their title: "Side på sitet" above the address.
// It is a combobox in the ARIA pattern (a text box with a list of choices): type a few letters of the title, move
// with the arrow keys, choose with Enter (or a click); the page's address goes into the address field, and the
// text's save makes it a link that follows the page when it moves (velfaerd/redirects/references.py). The server
// answers at admin:link-targets (velfaerd/editorial/linktargets.py), whose address the editors' shared
// configuration carries.
const WAIT = 200 // ms after the last key before asking
let made = 0

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties)
  node.append(...children)
  return node
}

function picker(address, url) {
  const id = `vf-link-picker-${++made}`
  const input = element("input", { id, type: "text", autocomplete: "off", spellcheck: false, size: 50 })
  const list = element("ul", { id: `${id}-list`, className: "vf-link-picker-list", hidden: true })
  const help = element("span", {
    id: `${id}-help`,
    className: "prose-editor-help",
    textContent: gettext("Type a few letters of its title, then choose it with the arrow keys and Enter."),
  })
  const status = element("p", { className: "vf-link-picker-status" })
  status.setAttribute("role", "status")
  input.setAttribute("role", "combobox")
  input.setAttribute("aria-autocomplete", "list")
  input.setAttribute("aria-expanded", "false")
  input.setAttribute("aria-controls", list.id)
  input.setAttribute("aria-describedby", help.id)
  list.setAttribute("role", "listbox")
  list.setAttribute("aria-label", gettext("Pages on the site"))
  const label = element("label", { htmlFor: id, textContent: gettext("Page on the site") }, [help])
  const field = element("div", { className: "prose-editor-dialog-field vf-link-picker" }, [label, input, list, status])

  let results = []
  let active = -1
  let timer = null
  let asking = null

  function close() {
    list.hidden = true
    input.setAttribute("aria-expanded", "false")
    input.removeAttribute("aria-activedescendant")
    active = -1
  }

  function show(index) {
    active = index
    for (const [i, option] of [...list.children].entries()) {
      option.setAttribute("aria-selected", String(i === index))
      if (i === index) {
        input.setAttribute("aria-activedescendant", option.id)
        option.scrollIntoView({ block: "nearest" })
      }
    }
  }

  function choose(index) {
    const chosen = results[index]
    if (!chosen) return
    address.value = chosen.address
    address.dispatchEvent(new Event("input", { bubbles: true }))
    input.value = chosen.title
    close()
    status.textContent = interpolate(gettext("The link goes to “%(title)s” (%(kind)s), %(address)s."), chosen, true)
  }

  function fill(answer) {
    results = answer.results
    list.replaceChildren(
      ...results.map((found, i) => {
        const option = element("li", { id: `${id}-${i}`, className: "vf-link-picker-option" }, [
          element("span", { className: "vf-link-picker-title", textContent: found.title }),
          element("span", {
            className: "vf-link-picker-kind",
            textContent: [found.kind, found.state].filter(Boolean).join(", "),
          }),
        ])
        option.setAttribute("role", "option")
        option.setAttribute("aria-selected", "false")
        option.addEventListener("mousedown", (event) => event.preventDefault()) // keeps the focus in the text box
        option.addEventListener("click", () => choose(i))
        return option
      }),
    )
    active = -1
    input.removeAttribute("aria-activedescendant")
    list.hidden = results.length === 0
    input.setAttribute("aria-expanded", String(results.length > 0))
    status.textContent = results.length
      ? interpolate(
          ngettext("%s page found.", "%s pages found.", results.length) +
            (answer.more ? " " + gettext("Type more of the title to find others.") : ""),
          [results.length],
        )
      : gettext("No page has those words in its title.")
  }

  async function ask() {
    const query = input.value.trim()
    asking?.abort()
    if (query.length < 2) {
      results = []
      list.replaceChildren()
      close()
      status.textContent = ""
      return
    }
    asking = new AbortController()
    try {
      const response = await fetch(`${url}?${new URLSearchParams({ q: query })}`, {
        signal: asking.signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      if (!response.ok) throw new Error(response.statusText)
      fill(await response.json())
    } catch (error) {
      if (error.name === "AbortError") return
      close()
      status.textContent = gettext("The pages could not be fetched. Write the address instead.")
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(ask, WAIT)
  })
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && results.length > 0
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault()
      if (!open) {
        if (results.length) {
          list.hidden = false
          input.setAttribute("aria-expanded", "true")
        } else return
      }
      const step = event.key === "ArrowDown" ? 1 : -1
      show((active + step + results.length) % results.length)
    } else if (event.key === "Enter") {
      // Enter chooses here; it must not send the dialog's form (which would insert the link before a choice).
      event.preventDefault()
      if (open) choose(active === -1 ? 0 : active)
    } else if (event.key === "Escape" && open) {
      event.preventDefault() // closes the list, not the dialog
      event.stopPropagation()
      close()
    }
  })
  input.addEventListener("blur", () => setTimeout(close, 150))
  return field
}

function addPickers(root) {
  for (const dialog of root.querySelectorAll("dialog:not([data-vf-picker])")) {
    const address = dialog.querySelector("input[name=href]")
    const config = document.getElementById("velfaerd-prose-config")
    if (!address || !config || !dialog.closest(".prose-editor")) continue
    dialog.dataset.vfPicker = "true"
    const field = picker(address, JSON.parse(config.textContent).linkTargets)
    address.closest(".prose-editor-dialog-field").before(field)
    // A new link starts by finding the page; an existing one at its address, which the editor may keep.
    if (address.value === "") field.querySelector("input").focus()
  }
}

new MutationObserver(() => addPickers(document)).observe(document.documentElement, { childList: true, subtree: true })
addPickers(document)
