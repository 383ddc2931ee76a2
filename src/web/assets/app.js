// The pages' own script: progressive enhancement only, no inline handlers (the CSP forbids them).
// Every page works without it; htmx (loaded beside it) does the partial updates.

// Forms that delete ask first (components/confirm-delete.tsx sets data-confirm).
document.addEventListener(
  'submit',
  (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement)) return
    const question = form.dataset.confirm
    if (question && !window.confirm(question)) event.preventDefault()
  },
  true,
)

// htmx asks the same question for its own requests on such forms.
document.addEventListener('htmx:confirm', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form[data-confirm]') : null
  if (!form || event.detail.question) return
  event.preventDefault()
  if (window.confirm(form.dataset.confirm)) event.detail.issueRequest(true)
})
