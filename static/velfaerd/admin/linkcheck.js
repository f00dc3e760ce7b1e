// "Tjek links nu": while the check runs beside the request, the content-health page asks how far it has come every
// two seconds and moves its progress bar; when it is done, the page is read again to show what was found.
const box = document.querySelector(".link-check[data-status-url]")
const bar = box?.querySelector("progress")

if (box && bar) {
  const count = box.querySelector(".link-check-count")
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      const run = await response.json()
      if (run.state !== "running") {
        location.reload()
        return
      }
      bar.max = Math.max(run.total, 1)
      bar.value = run.done
      if (count) count.textContent = interpolate(gettext("%(done)s of %(total)s"), run, true)
    } catch {
      // A moment offline: ask again.
    }
    setTimeout(poll, 2000)
  }
  setTimeout(poll, 2000)
}
