// A route that does nothing: the framework's ceiling, used by bench/ to compare pages against.
export function loader() {
  return new Response('pong', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
