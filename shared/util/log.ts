// The root pino logger of a process: JSON lines, secrets redacted.
import { pino, type Logger } from 'pino';

export function rootLogger(level: string, name: string): Logger {
  return pino({
    name, level,
    redact: { paths: ['req.headers.authorization', '*.token', '*.password', 'data'], censor: '[redacted]' },
  });
}
