// A real SMTP server in its own process for tests: accepts every message and prints it
// as one JSON line on stdout. The first line is {"port": N} once it listens.
import { SMTPServer } from 'smtp-server'

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks = []
    stream.on('data', (c) => chunks.push(c))
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      process.stdout.write(JSON.stringify({ from: session.envelope.mailFrom?.address, to: session.envelope.rcptTo.map((r) => r.address), raw }) + '\n')
      callback()
    })
  },
})
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\n'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
