// Image references as Kubernetes reads them (pkg/util/parsers ParseImageName over the
// distribution reference grammar): [domain[:port]/]path[:tag][@digest].

export interface ImageName {
  /** Fully qualified repository: "docker.io/library/nginx". */
  readonly repository: string;
  /** "latest" when neither a tag nor a digest is given; "" when only a digest is. */
  readonly tag: string;
  readonly digest: string;
}

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(
  `^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`);
const nameMaxLength = 255;
const hexIdentifier = /^[a-f0-9]{64}$/;

/** Docker Hub names: "nginx" is docker.io/library/nginx, "me/app" docker.io/me/app. */
function normalizeRepository(name: string): string {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (isDomain) return name;
  return slash < 0 ? `docker.io/library/${name}` : `docker.io/${name}`;
}

/** The parts of an image reference, or undefined when it is not one. */
export function parseImageName(image: string): ImageName | undefined {
  if (hexIdentifier.test(image)) return undefined;
  const m = reference.exec(image);
  if (m === null) return undefined;
  const name = m[1] ?? '';
  if (name.length > nameMaxLength) return undefined;
  const parsedTag = m[2] ?? '';
  const parsedDigest = m[3] ?? '';
  return {
    repository: normalizeRepository(name),
    tag: parsedTag === '' && parsedDigest === '' ? 'latest' : parsedTag,
    digest: parsedDigest,
  };
}

/** SetDefaults_Container: Always for a ":latest" (or untagged, undigested) image, else IfNotPresent. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  const parsed = typeof image === 'string' ? parseImageName(image) : undefined;
  return parsed?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
