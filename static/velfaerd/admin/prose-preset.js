// The rich-text editors of a form, made from one configuration for all of them. django-prose-editor's own
// "configurable" preset reads the whole configuration (extensions, menu) from an attribute of each textarea; a theme
// page's form has sixty of them, so that was 80 KB of the page. Here each textarea names the configuration (a
// <script type="application/json"> the change form carries once, velfaerd/editorial/admin/richtext.py) and the
// editor is made as the library's preset makes it.
import * as library from "django-prose-editor/editor"

const ATTRIBUTE = "data-django-prose-editor-velfaerd"
const loaded = new Map()

async function load(modules) {
  await Promise.all(
    (modules || []).map((url) => {
      if (!loaded.has(url)) loaded.set(url, import(url).then((found) => Object.assign(extensions, found)))
      return loaded.get(url)
    }),
  )
}

const extensions = { ...library }

async function create(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const source = document.getElementById(textarea.getAttribute(ATTRIBUTE))
  if (!source) return null
  const config = JSON.parse(source.textContent)
  await load(config.js_modules)
  const chosen = Object.entries(config.extensions).flatMap(([name, options]) => {
    const extension = extensions[name]
    if (!extension) return []
    return [typeof options === "object" ? extension.configure(options) : extension]
  })
  const editor = library.createTextareaEditor(textarea, chosen)
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }))
  return editor
}

library.initializeEditors((textarea) => {
  create(textarea).catch((error) => console.error("The rich-text editor could not be made:", error))
}, `[${ATTRIBUTE}]`)
