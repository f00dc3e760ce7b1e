// A save refused because someone else saved first: for each field they changed, "Brug deres tekst" puts their text
// into the form (the rich-text editor too) and "Behold min" leaves the editor's own; the editor then saves.
// The texts are Danish in Django's JavaScript catalogue (the admin's jsi18n script, before this one).
const texts = {
  used: gettext("Their text is put in the field."),
  kept: gettext("Your text is kept."),
}

function put(field, value, text) {
  if (field.type === "checkbox") {
    field.checked = value === "True"
  } else if (field.tagName === "SELECT") {
    if (value && ![...field.options].some((option) => option.value === value)) field.append(new Option(text, value))
    field.value = value
    if (window.django?.jQuery) django.jQuery(field).trigger("change")
  } else {
    field.value = value
    const editor = field.closest(".prose-editor")?.querySelector(".tiptap")?.editor
    if (editor) editor.commands.setContent(value)
  }
  field.dispatchEvent(new Event("change", { bubbles: true }))
  field.dispatchEvent(new Event("input", { bubbles: true }))
}

document.addEventListener("click", (event) => {
  const use = event.target.closest("[data-vf-use-theirs]")
  const keep = event.target.closest("[data-vf-keep-mine]")
  if (!use && !keep) return
  const status = event.target.closest(".vf-conflict-choice").querySelector(".vf-conflict-status")
  if (use) {
    const field = document.getElementById(use.dataset.vfUseTheirs)
    if (field) put(field, use.dataset.value, use.dataset.text)
    status.textContent = texts.used
  } else {
    status.textContent = texts.kept
  }
})
