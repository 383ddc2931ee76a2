// The queue page for managers (pages/queue.tsx): drag and drop with SortableJS, and focus kept on the move
// button a keyboard user pressed. Without this file the Up/Down buttons still reorder by plain form posts.
;(() => {
  let lastMove = null

  // Remember which move button was used, to give it focus again once htmx has swapped the new queue in.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[name="move"]') : null
    if (button) lastMove = button.value
  })

  function enhance(root) {
    const list = root.querySelector ? root.querySelector('#queue-list') : null
    const form = list?.closest('form.queue-form')
    if (!list || !form || typeof Sortable === 'undefined') return
    Sortable.create(list, {
      handle: '.drag-handle',
      animation: 150,
      forceFallback: true, // pointer events: the same on a phone, and in the browser tests
      onEnd(event) {
        if (event.oldIndex === event.newIndex) return
        const order = [...list.querySelectorAll('li[data-no]')].map((li) => li.dataset.no)
        form.elements.order.value = order.join(',')
        lastMove = null
        form.requestSubmit()
      },
    })
    if (lastMove) {
      const [no, direction] = lastMove.split(':')
      const other = direction === 'up' ? 'down' : 'up'
      const same = form.querySelector(`button[value="${no}:${direction}"]`)
      const target = same && !same.disabled ? same : form.querySelector(`button[value="${no}:${other}"]`)
      target?.focus()
      lastMove = null
    }
  }

  if (window.htmx) window.htmx.onLoad(enhance)
  else document.addEventListener('DOMContentLoaded', () => enhance(document))
})()
