// Tokens of the label selector language (k8s.io/apimachinery/pkg/labels, Lexer): keywords,
// operators, parentheses, commas and identifiers, whitespace between them ignored.

export type TokenKind =
  | 'end' | 'identifier' | 'in' | 'notin' | 'comma' | 'openPar' | 'closedPar'
  | 'doesNotExist' | 'equals' | 'doubleEquals' | 'notEquals' | 'greaterThan' | 'lessThan';

export interface Token {
  readonly kind: TokenKind;
  readonly literal: string;
}

const symbols: ReadonlyMap<string, TokenKind> = new Map([
  ['!=', 'notEquals'], ['==', 'doubleEquals'],
  ['!', 'doesNotExist'], ['=', 'equals'], ['>', 'greaterThan'], ['<', 'lessThan'],
  ['(', 'openPar'], [')', 'closedPar'], [',', 'comma'],
]);
const keywords: ReadonlyMap<string, TokenKind> = new Map([['in', 'in'], ['notin', 'notin']]);

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSymbol = (c: string): boolean => '=!(),><'.includes(c);

/** Every token of `s`, the last one always `end`. */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos] ?? '')) pos++;
    if (pos >= s.length) {
      tokens.push({ kind: 'end', literal: '' });
      return tokens;
    }
    const pair = s.slice(pos, pos + 2);
    const symbol = symbols.get(pair) ?? symbols.get(s[pos] ?? '');
    if (symbol !== undefined) {
      const literal = symbols.has(pair) ? pair : s[pos] ?? '';
      tokens.push({ kind: symbol, literal });
      pos += literal.length;
      continue;
    }
    const start = pos;
    while (pos < s.length && !isSymbol(s[pos] ?? '') && !isWhitespace(s[pos] ?? '')) pos++;
    const word = s.slice(start, pos);
    tokens.push({ kind: keywords.get(word) ?? 'identifier', literal: word });
  }
}
