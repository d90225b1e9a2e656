// Base64 as Go's encoding/json reads a []byte (StdEncoding: padded; CR and LF ignored).

const alphabet = /^[A-Za-z0-9+/]$/;

/** Why `s` is not valid base64, worded as Go words it; undefined when it is valid. */
export function base64Error(s: string): string | undefined {
  const bad = (at: number): string => `illegal base64 data at input byte ${at}`;
  let inQuantum = 0;
  let quantumStart = 0;
  let padding = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\r' || c === '\n') continue;
    if (padding > 0 && inQuantum === 0) return bad(i);
    if (inQuantum === 0) quantumStart = i;
    if (c === '=') {
      if (inQuantum < 2) return bad(i);
      padding++;
    } else if (!alphabet.test(c) || padding > 0) {
      return bad(i);
    }
    inQuantum = (inQuantum + 1) % 4;
  }
  if (inQuantum !== 0) return bad(quantumStart);
  return undefined;
}

/** The number of bytes a valid base64 string decodes to. */
export const base64Length = (s: string): number => Buffer.from(s, 'base64').length;
