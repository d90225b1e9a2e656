// Kubernetes' $(VAR) expansion in command, args and env values (third_party/forked/golang/expansion):
// $(NAME) becomes NAME's value when NAME is defined, and stays as written otherwise; $$ is a
// literal $, so $$(NAME) is the text "$(NAME)".

export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) { out += ch; continue; }
    const next = input[i + 1]!;
    if (next === '$') { out += '$'; i++; continue; }
    if (next !== '(') { out += ch; continue; }
    const close = input.indexOf(')', i + 2);
    if (close < 0) { out += input.slice(i); break; }
    const name = input.slice(i + 2, close);
    const value = name === '' ? undefined : lookup(name);
    out += value ?? `$(${name})`;
    i = close;
  }
  return out;
}
