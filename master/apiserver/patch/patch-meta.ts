// Which fields of the built-in kinds merge in a strategic merge patch, and by which
// key: the `patchStrategy`/`patchMergeKey` struct tags of k8s.io/api (core/v1, apps/v1,
// autoscaling/v2) and k8s.io/apimachinery (ObjectMeta), written down as data. A field
// absent here is plain: a map merges key by key, a list is replaced whole.
//
// Server-side apply reads the same data: a merging list of objects is a map keyed by
// the merge key, a merging list of primitives is a set, every other list is atomic, and
// `atomic` marks the structs and maps Kubernetes declares `structType`/`mapType=atomic`.

export interface FieldPatchMeta {
  /** The list merges: by `mergeKey` for lists of objects, as a set for primitives. */
  readonly strategy?: 'merge';
  readonly mergeKey?: string;
  /** Tagged `retainKeys`: a patch may carry `$retainKeys` to clear the keys it omits. */
  readonly retainKeys?: true;
  /** Server-side apply owns and replaces the value as one unit. */
  readonly atomic?: true;
  /** The fields inside: the field's own when it is an object, each item's for a list. */
  readonly fields?: PatchSchema;
}

export type PatchSchema = Readonly<Record<string, FieldPatchMeta>>;

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

const mergeBy = (mergeKey: string, fields?: PatchSchema): FieldPatchMeta =>
  fields === undefined ? { strategy: 'merge', mergeKey } : { strategy: 'merge', mergeKey, fields };
const set: FieldPatchMeta = { strategy: 'merge' };
const atomic: FieldPatchMeta = { atomic: true };
const nested = (fields: PatchSchema): FieldPatchMeta => ({ fields });
const byType = mergeBy('type');

// metav1.ObjectMeta
const objectMeta: PatchSchema = {
  ownerReferences: mergeBy('uid'),
  finalizers: set,
};

// core/v1 Container and EphemeralContainerCommon
const container: PatchSchema = {
  ports: mergeBy('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
};

// core/v1 PodSpec
const podSpec: PatchSchema = {
  volumes: { strategy: 'merge', mergeKey: 'name', retainKeys: true },
  initContainers: mergeBy('name', container),
  containers: mergeBy('name', container),
  ephemeralContainers: mergeBy('name', container),
  imagePullSecrets: mergeBy('name'),
  hostAliases: mergeBy('ip'),
  topologySpreadConstraints: mergeBy('topologyKey'),
  schedulingGates: mergeBy('name'),
  resourceClaims: { strategy: 'merge', mergeKey: 'name', retainKeys: true },
  nodeSelector: atomic,
};

// core/v1 ContainerStatus
const containerStatus: PatchSchema = {
  volumeMounts: mergeBy('mountPath'),
  allocatedResourcesStatus: mergeBy('name'),
};

// core/v1 PodStatus (the container status lists themselves are atomic)
const podStatus: PatchSchema = {
  conditions: byType,
  hostIPs: mergeBy('ip'),
  podIPs: mergeBy('ip'),
  resourceClaimStatuses: { strategy: 'merge', mergeKey: 'name', retainKeys: true },
  containerStatuses: { fields: containerStatus },
  initContainerStatuses: { fields: containerStatus },
  ephemeralContainerStatuses: { fields: containerStatus },
};

// core/v1 PodTemplateSpec
const podTemplate: PatchSchema = {
  metadata: nested(objectMeta),
  spec: nested(podSpec),
};

const withMeta = (fields: PatchSchema): PatchSchema => ({ metadata: nested(objectMeta), ...fields });
const conditionsOnly: FieldPatchMeta = nested({ conditions: byType });

const pod = withMeta({ spec: nested(podSpec), status: nested(podStatus) });

// apps/v1 DeploymentSpec, ReplicaSetSpec; core/v1 ReplicationControllerSpec
const workload = (extra: PatchSchema, selector: FieldPatchMeta): PatchSchema =>
  withMeta({
    spec: nested({ selector, template: nested(podTemplate), ...extra }),
    status: conditionsOnly,
  });

const plain = withMeta({});

/** Schemas by `group/kind` ("" is the core group). */
const schemas: ReadonlyMap<string, PatchSchema> = new Map<string, PatchSchema>([
  ['/Pod', pod],
  ['/PodTemplate', withMeta({ template: nested(podTemplate) })],
  ['/ReplicationController', workload({}, atomic)],
  ['/Service', withMeta({ spec: nested({ ports: mergeBy('port'), selector: atomic }), status: conditionsOnly })],
  ['/Endpoints', plain],
  ['/Namespace', withMeta({ status: conditionsOnly })],
  [
    '/Node',
    withMeta({
      spec: nested({ podCIDRs: set }),
      status: nested({ conditions: byType, addresses: byType }),
    }),
  ],
  ['/ConfigMap', plain],
  ['/Secret', plain],
  ['/Event', plain],
  ['/PersistentVolume', plain],
  ['/PersistentVolumeClaim', withMeta({ status: conditionsOnly })],
  ['/ServiceAccount', withMeta({ secrets: mergeBy('name') })],
  ['apps/Deployment', workload({ strategy: { retainKeys: true } }, atomic)],
  ['apps/ReplicaSet', workload({}, atomic)],
  ['autoscaling/HorizontalPodAutoscaler', withMeta({ status: conditionsOnly })],
  ['coordination.k8s.io/Lease', plain],
  ['discovery.k8s.io/EndpointSlice', plain],
]);

/** The patch schema of a kind, or undefined for kinds without one (merge like JSON). */
export function patchSchemaFor(kind: GroupKind): PatchSchema | undefined {
  return schemas.get(`${kind.group}/${kind.kind}`);
}

/** The metadata of one field of a schema (own keys only). */
export function fieldMeta(schema: PatchSchema | undefined, field: string): FieldPatchMeta | undefined {
  return schema !== undefined && Object.hasOwn(schema, field) ? schema[field] : undefined;
}
