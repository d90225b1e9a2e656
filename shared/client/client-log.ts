// The part of a pino Logger the client runtime writes to; a pino Logger (or a child) fits it,
// and tests can pass a recorder.
export type LogMethod = (fields: object, message: string) => void;

export interface ClientLog {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
}
