// "Rikke har også denne side åben": while a change form is open it tells the server so every 20 seconds, and
// shows who else has the same item open. Closing the page says goodbye (a beacon), so the others are told soon.
const box = document.querySelector("[data-presence-url]")

if (box) {
  const url = box.dataset.presenceUrl
  const token = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""

  const send = async (leaving) => {
    const body = new FormData()
    body.append("csrfmiddlewaretoken", token())
    if (leaving) {
      body.append("leaving", "1")
      navigator.sendBeacon(url, body)
      return
    }
    try {
      const response = await fetch(url, { method: "POST", body, credentials: "same-origin" })
      if (!response.ok) return
      const { text } = await response.json()
      if (box.textContent !== text) box.textContent = text
    } catch {
      // Offline for a moment: the next ping tries again.
    }
  }

  setInterval(() => send(false), 20000)
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") send(false)
  })
  window.addEventListener("pagehide", () => send(true))
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) send(false) // back from the browser's cache after a goodbye
  })
}
