// The one error the protobuf decoder throws. The HTTP layer answers it with 400 BadRequest
// (or 415 for `unsupported`), using the message as the Status message.

export type ProtobufDecodeProblem =
  /** The body does not start with "k8s\0". */
  | 'bad-magic'
  /** Truncated bytes, a wrong wire type, or a value Kubernetes' own decoder would reject. */
  | 'malformed'
  /** A well-formed envelope for an apiVersion/kind (or content encoding) Bosun does not decode. */
  | 'unsupported';

export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
  constructor(readonly problem: ProtobufDecodeProblem, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
