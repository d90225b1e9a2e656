// The pods the logs/exec/port-forward scenarios talk to (kubectl's and bosunctl's): `talker`
// writes numbered lines from two containers, `web` serves a small page and a 2 MB file,
// `restarter` prints a marker and exits 1 (for logs --previous).
export const streamPods = `apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; i=100; while true; do i=$((i+1)); echo tick $i; sleep 0.3; done"]
  - name: side
    image: bosun/toolbox:1
    command: ["sh", "-c", "echo side-line; exec sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: bosun/toolbox:1
    ports: [{name: http, containerPort: 8080}]
    command: ["sh", "-c", "mkdir -p /w; echo hello-port-forward > /w/index.html; head -c 2000000 /dev/zero | tr '\\\\0' b > /w/big; exec httpd -f -p 8080 -h /w"]
---
apiVersion: v1
kind: Pod
metadata: {name: restarter}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sh", "-c", "echo run-marker; sleep 1; exit 1"]
`;
