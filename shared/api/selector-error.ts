// The error every selector parser throws (label and field selectors): its message is the
// one Kubernetes gives for the same input, and the apiserver answers it as 400 BadRequest.

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}
