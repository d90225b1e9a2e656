// The label selector grammar (labels.Parse), read by recursive descent over the tokens:
//   selector    ::= requirement ("," requirement)*
//   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
// Errors carry Kubernetes' own texts ("found 'b', expected: ',' or 'end of string'").
import { SelectorError } from '../selector-error.js';
import { type Token, tokenize } from './lexer.js';
import { type Operator, type Requirement, keyError, newRequirement } from './requirement.js';

function fail(message: string): never {
  throw new SelectorError(message);
}

const operators: ReadonlyMap<Token['kind'], Operator> = new Map([
  ['in', 'in'], ['notin', 'notin'], ['equals', '='], ['doubleEquals', '='],
  ['notEquals', '!='], ['greaterThan', '>'], ['lessThan', '<'],
]);

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  /** The next token; where a value may stand, the keywords `in`/`notin` are plain identifiers. */
  private peek(asKeyword = false): Token {
    const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)] ?? { kind: 'end', literal: '' };
    return !asKeyword && (t.kind === 'in' || t.kind === 'notin') ? { kind: 'identifier', literal: t.literal } : t;
  }

  private next(asKeyword = false): Token {
    const t = this.peek(asKeyword);
    this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') return requirements;
      if (t.kind !== 'identifier' && t.kind !== 'doesNotExist') {
        fail(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirement());
      const after = this.next();
      if (after.kind === 'end') return requirements;
      if (after.kind !== 'comma') fail(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== 'doesNotExist') {
        fail(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    try {
      return this.requirementBody();
    } catch (err) {
      if (err instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${err.message}`);
      throw err;
    }
  }

  private requirementBody(): Requirement {
    let t = this.next();
    const negated = t.kind === 'doesNotExist';
    if (negated) t = this.next();
    if (t.kind !== 'identifier') fail(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const bad = keyError(key, '<nil>');
    if (bad !== undefined) fail(bad);
    if (negated) return newRequirement(key, '!', []);
    const ahead = this.peek().kind;
    if (ahead === 'end' || ahead === 'comma') return newRequirement(key, 'exists', []);
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, [...new Set(values)].sort());
  }

  private operator(): Operator {
    const t = this.next(true);
    return operators.get(t.kind) ?? fail(`found '${t.literal}', expected: in, notin, =, ==, !=, gt, lt`);
  }

  /** "(a,b)"; "()" and empty items stand for the empty value. */
  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== 'openPar') fail(`found '${open.literal}' expected: '('`);
    const t = this.peek();
    if (t.kind === 'closedPar') {
      this.next();
      return [''];
    }
    if (t.kind !== 'identifier' && t.kind !== 'comma') fail(`found '${t.literal}', expected: ',', ')' or identifier`);
    const values = this.valueList();
    this.next();                                  // the ")" valueList stopped at
    return values;
  }

  private valueList(): string[] {
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'identifier') {
        values.push(t.literal);
        const ahead = this.peek();
        if (ahead.kind === 'closedPar') return values;
        if (ahead.kind !== 'comma') fail(`found '${ahead.literal}', expected: ',' or ')'`);
      } else if (t.kind === 'comma') {
        if (values.length === 0) values.push('');    // "(,"
        const ahead = this.peek().kind;
        if (ahead === 'closedPar') return [...values, ''];   // ",)"
        if (ahead === 'comma') values.push('');        // ",,"
      } else {
        fail(`found '${t.literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The value after "=", "!=", ">" or "<"; nothing before "," or the end is the empty value. */
  private exactValue(): string[] {
    const ahead = this.peek().kind;
    if (ahead === 'end' || ahead === 'comma') return [''];
    const t = this.next();
    return t.kind === 'identifier' ? [t.literal] : fail(`found '${t.literal}', expected: identifier`);
  }
}

/** The requirements of a selector string, in the order written. */
export function parseRequirements(s: string): Requirement[] {
  return new Parser(tokenize(s)).parse();
}
