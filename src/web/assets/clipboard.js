// "Copy link" beside a read-only field (the invite link): the clipboard API where the browser allows it
// (a secure context), else the field's text is selected for Ctrl+C. The field itself always works.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy)
  const status = document.getElementById(`${button.dataset.copy}-status`)
  const say = (text) => {
    if (status) status.textContent = text
  }
  if (!field) continue
  button.hidden = false
  button.addEventListener('click', () => {
    field.select()
    if (!navigator.clipboard) return say('Selected: press Ctrl+C (or ⌘C) to copy.')
    navigator.clipboard.writeText(field.value).then(
      () => say('Copied to the clipboard.'),
      () => say('Selected: press Ctrl+C (or ⌘C) to copy.'),
    )
  })
}
