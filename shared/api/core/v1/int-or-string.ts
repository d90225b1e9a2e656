// intstr.IntOrString (k8s.io/apimachinery/pkg/util/intstr): a port number or a port name,
// a count or a percentage. On the wire it is a JSON number or a JSON string.
export type IntOrString = number | string;
