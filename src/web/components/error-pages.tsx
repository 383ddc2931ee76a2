/** The body of an HTML error page (the layout and status come from sendPage). */
export function ErrorBody({
  heading,
  message,
  requestId,
}: {
  heading: string
  message: string
  requestId?: string
}) {
  return (
    <section class="error-page">
      <h1>{heading}</h1>
      <p>{message}</p>
      {requestId && <p class="hint">{`Reference: ${requestId}`}</p>}
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </section>
  )
}
