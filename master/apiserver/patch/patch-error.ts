// The one error the patch engines throw for a patch they cannot apply: a malformed
// operation or directive, a path that does not exist, a failed JSON patch test. The
// handler turns it into a Status (Kubernetes answers these with 422 or 400).

export class PatchError extends Error {
  override readonly name = 'PatchError';
}
